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

/* locdocs: switching version keeps the language and the page. Material's version selector goes to the same path
   in the other version when its sitemap lists it, else to that version's root, which is the English home page.
   Here: the same page if the other version has it, else that version's home page in the reader's language. */
window.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a.md-version__link, a.locdocs-newest") : null;
  var config = document.getElementById("__config");
  if (!link || !config) {
    return;
  }
  event.preventDefault();
  event.stopImmediatePropagation();
  var root = new URL(JSON.parse(config.textContent).base, location.href).href.replace(/\/?$/, "/");
  var path = location.href.split("#")[0].split("?")[0].slice(root.length);
  var first = path.split("/")[0];
  var home = first && first === document.documentElement.lang ? first + "/" : "";
  var target = new URL(path, link.href).href;
  fetch(target, { method: "HEAD" }).then(function (response) {
    location.href = response.ok ? target + location.hash : new URL(home, link.href).href;
  }, function () {
    location.href = new URL(home, link.href).href;
  });
}, true);

/* locdocs: the version selector in the reader's language. Material draws it from versions.json (one title per
   version); the page carries each title's name in its language (an edition named by its month: "maj 2018"). */
(function () {
  var data = document.getElementById("locdocs-version-titles");
  if (!data) {
    return;
  }
  var titles = JSON.parse(data.textContent);
  function relabel() {
    document.querySelectorAll(".md-version__current, .md-version__link").forEach(function (element) {
      var title = element.textContent.trim();
      if (Object.prototype.hasOwnProperty.call(titles, title) && titles[title] !== title) {
        element.textContent = titles[title];
      }
    });
  }
  new MutationObserver(relabel).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", relabel);
})();
