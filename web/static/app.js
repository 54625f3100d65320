// Small enhancements; every feature also works without this script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // Filter box for a long organisation list.
  for (const box of document.querySelectorAll(".facet-filter")) {
    const facet = box.closest(".facet");
    box.hidden = false;
    box.addEventListener("input", () => {
      const needle = box.value.trim().toLowerCase();
      for (const item of facet.querySelectorAll("li")) {
        const label = item.querySelector(".label").textContent.toLowerCase();
        const title = (item.querySelector("a").getAttribute("title") || "").toLowerCase();
        item.hidden = needle !== "" && !label.includes(needle) && !title.includes(needle);
      }
      const more = facet.querySelector("details");
      if (more && needle) more.open = true;
    });
  }
  // "/" jumps to the search box, as on most search sites.
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "TEXTAREA", "SELECT"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing) {
      event.preventDefault();
      document.getElementById("q").focus();
    }
  });
});
