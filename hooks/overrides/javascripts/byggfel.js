// The preview's list of content errors (mkdocs serve only). Fetched, not
// written into every page: an error made or fixed then changes one small
// file, not every page of the site (at ten thousand minutes, a minute and a
// half of rendering before the editor saw it). The page reloads after every
// rebuild, so it always shows the list of the last one.
(function () {
  var slot = document.querySelector(".sv-byggfel-plats");
  if (!slot) return;
  fetch(slot.getAttribute("data-byggfel"), { cache: "no-store" })
    .then(function (answer) { return answer.ok ? answer.json() : { html: "" }; })
    // Made by the build, every problem's text escaped (samverkan_hooks._banner).
    .then(function (problems) { slot.innerHTML = problems.html; })
    .catch(function () {});
})();
