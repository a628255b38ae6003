// On paper a link is its address: each link in the page's text gets its full
// address, which the print style writes after it (stylesheets/samverkan.css),
// and the foot says where the page is and when it was printed.
(() => {
  "use strict";
  for (const link of document.querySelectorAll(".md-content__inner a[href]")) {
    const href = link.getAttribute("href");
    if (href.startsWith("#") || link.classList.contains("headerlink")) continue;
    link.dataset.svAdress = href.startsWith("mailto:") ? href.slice(7) : link.href;
  }
  const address = document.querySelector("[data-sv-sidadress]");
  if (address) address.textContent = location.href.split("#")[0];
  const printed = document.querySelector("[data-sv-utskriven]");
  if (printed) {
    printed.textContent = " · utskriven " + new Date().toLocaleDateString("sv-SE", { day: "numeric", month: "long", year: "numeric" });
  }
})();
