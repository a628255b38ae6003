// The toggles Material draws as <label for="…"> of a hidden checkbox hold a
// button (a <span role="button"> with a tab stop, partials/header.html and
// samverkan/generate/menu_labels.py): the header's menu and search, the
// menu's sections and, on a phone, a submenu's way back. Here Enter and
// Space press it, aria-expanded follows the checkbox, and the focus goes
// into the menu when it opens and back to the button that opened it when it
// closes (WCAG 2.1.1, 2.4.3, 4.1.2). A click on it is a click on its label,
// so a pointer opens them without JavaScript, as in Material.
(() => {
  "use strict";
  const BUTTON = "[data-sv-knapp]";
  const labelOf = (button) => button.closest("label[for]");

  let pressed = null; // the button a key pressed, until its checkbox has changed

  document.addEventListener("keydown", (event) => {
    const button = event.target instanceof Element && event.target.closest(BUTTON);
    if (!button || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // Material's own Enter handler would press it twice
    pressed = button;
    button.click();
    setTimeout(() => { pressed = null; }, 0);
  }, true);

  const shown = (element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== "hidden";
  const firstIn = (element) => [...element.querySelectorAll(`${BUTTON}, a[href]`)].find(shown);

  // A submenu opened or closed from the keyboard: into it, or back to its toggle.
  function followSubmenu(box) {
    if (!pressed || !box.id.startsWith("__nav_")) return;
    const submenu = document.querySelector(`nav[aria-labelledby="${box.id}_label"]`);
    const toggle = document.querySelector(`#${box.id}_label > ${BUTTON}`);
    setTimeout(() => {
      const target = box.checked && submenu ? firstIn(submenu) : toggle;
      if (target) target.focus();
    }, 0);
  }

  // The colour scheme: Material's hidden radio buttons, switched by Enter;
  // Space, the other key for a button, does the same.
  document.addEventListener("keydown", (event) => {
    const option = event.target;
    if (event.key !== " " || !(option instanceof HTMLInputElement) || option.name !== "__palette") return;
    event.preventDefault();
    const options = [...document.querySelectorAll("input[name=__palette]")];
    const next = options[(options.indexOf(option) + 1) % options.length];
    next.click();
    next.focus();
  }, true);

  function showState(box) {
    for (const button of document.querySelectorAll(BUTTON + "[aria-expanded]")) {
      if (labelOf(button)?.htmlFor === box.id) button.setAttribute("aria-expanded", String(box.checked));
    }
  }
  document.addEventListener("change", (event) => {
    const box = event.target;
    if (box instanceof HTMLInputElement && box.type === "checkbox" && box.id) {
      showState(box);
      followSubmenu(box);
    }
  });

  // The drawer (a phone, or a desktop zoomed to 400 %).
  const drawer = document.getElementById("__drawer");
  const menuButton = document.querySelector(`label[for=__drawer] > ${BUTTON}`);
  const sidebar = document.querySelector(".md-sidebar--primary");
  if (!drawer || !menuButton || !sidebar) return;
  drawer.addEventListener("change", () => {
    if (drawer.checked) {
      // The drawer opens on the current page's submenu: its first button.
      const open = [...sidebar.querySelectorAll("input.md-nav__toggle:checked")]
        .map((box) => document.querySelector(`nav[aria-labelledby="${box.id}_label"]`)).filter(Boolean).pop();
      const first = firstIn(open || sidebar);
      if (first) setTimeout(() => first.focus(), 0);
    } else if (document.activeElement === document.body || sidebar.contains(document.activeElement)) {
      menuButton.focus();
    }
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && drawer.checked) {
      drawer.click();
      menuButton.focus();
    }
  });
})();
