// The folded header of narrow screens: the search button opens the search
// box (and puts the cursor in it), the menu button the site's menu. Wide
// screens show both always; the stylesheet decides, the buttons only set
// classes and aria-expanded.
export function setupHeader() {
  const header = document.querySelector(".site-header");
  if (!header) return;
  for (const button of header.querySelectorAll("button.header-toggle")) {
    const cls = button.classList.contains("search-toggle") ? "search-open" : "menu-open";
    button.addEventListener("click", () => {
      const open = !header.classList.contains(cls);
      header.classList.toggle(cls, open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && cls === "search-open") {
        const input = header.querySelector("#search-q");
        if (input) input.focus();
      }
    });
  }
}
