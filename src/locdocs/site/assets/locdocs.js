/* locdocs: the "Show the English original" control. A real <button> (keyboard and screen readers work as for any
   button); aria-pressed says whether the originals are shown. They are hidden until the reader asks. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button.locdocs-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var show = button.getAttribute("aria-pressed") !== "true";
      document.querySelectorAll(".locdocs-original").forEach(function (original) {
        original.hidden = !show;
      });
      button.setAttribute("aria-pressed", show ? "true" : "false");
    });
  });
});
