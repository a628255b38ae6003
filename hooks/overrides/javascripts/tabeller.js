// A table wider than the page scrolls sideways inside Material's wrapper. A
// keyboard user must be able to reach that scroll (WCAG 2.1.1), and a screen
// reader user must hear which table it is: the wrapper becomes a focusable
// region named after the heading above it (unique on the page), but only
// where it really scrolls.
document$.subscribe(function () {
  var used = {}
  document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
    if (wrap.scrollWidth <= wrap.clientWidth + 1 || wrap.hasAttribute("tabindex")) return
    var heading = null
    var headings = document.querySelectorAll("article h1, article h2, article h3, article h4")
    headings.forEach(function (h) {
      if (h.compareDocumentPosition(wrap) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h
    })
    var name = "Tabell" + (heading ? " under ”" + heading.textContent.replace(/¶/g, "").trim() + "”" : "")
    used[name] = (used[name] || 0) + 1
    if (used[name] > 1) name += " (" + used[name] + ")"
    wrap.tabIndex = 0
    wrap.setAttribute("role", "region")
    wrap.setAttribute("aria-label", name + ", rullar i sidled")
  })
})
