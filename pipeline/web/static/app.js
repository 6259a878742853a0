// baocao serve: outline a field's place on its page image, zoom the page images, remember the
// reviewer's name in this browser. No framework; the pages work without it (less conveniently).
(function () {
  "use strict";
  function show(button) {
    var page = document.getElementById("page-" + button.dataset.page);
    if (!page) { return; }
    document.querySelectorAll(".page .box").forEach(function (b) { b.hidden = true; });
    document.querySelectorAll(".loc.active").forEach(function (b) { b.classList.remove("active"); });
    var box = page.querySelector(".box");
    box.style.left = button.dataset.left + "%";
    box.style.top = button.dataset.top + "%";
    box.style.width = button.dataset.width + "%";
    box.style.height = button.dataset.height + "%";
    box.hidden = false;
    button.classList.add("active");
    box.scrollIntoView({block: "center", inline: "nearest"});
  }
  document.addEventListener("click", function (event) {
    var loc = event.target.closest(".loc");
    if (loc) { show(loc); return; }
    var zoom = event.target.closest(".zoom-btn");
    if (zoom) {
      var z = parseFloat(zoom.dataset.zoom);
      document.querySelectorAll(".page").forEach(function (fig) {
        fig.style.width = (100 * z) + "%";
        var img = fig.querySelector("img");
        img.src = img.dataset.src + (z > 1 ? "?zoom=" + (z >= 2 ? 2 : 1.5) : "");
      });
    }
  });
  var KEY = "baocao.name";
  document.addEventListener("DOMContentLoaded", function () {
    var saved = "";
    try { saved = window.localStorage.getItem(KEY) || ""; } catch (e) { saved = ""; }
    document.querySelectorAll("input.author-name").forEach(function (input) {
      if (!input.value && saved) { input.value = saved; }
    });
  });
  document.addEventListener("submit", function (event) {
    var input = event.target.querySelector("input.author-name");
    if (input && input.value) {
      try { window.localStorage.setItem(KEY, input.value); } catch (e) { /* private mode */ }
    }
  });
}());
