/* locdocs: loaded in each page's <head>, before Material's own scripts. Material finds the search index and the
   sitemap from the site root and from each <link rel="alternate">. Load this locale's own search index
   (data-locale-folder; none for the default locale), and the site's one sitemap (data-sitemap, relative to the
   page) instead of a sitemap.xml beside every translation of this page (which does not exist). The alternates are
   absolute, under the site's deployed URL (data-site-url): wherever the site is served (localhost, a preview), their
   sitemap is this one, never a request to the deployed host. */
(function (script) {
  var folder = script.getAttribute("data-locale-folder");
  var root = new URL(script.getAttribute("data-sitemap"), location.href).href;
  var rootDir = root.replace(/sitemap\.xml$/, "");
  var siteUrl = script.getAttribute("data-site-url");
  var open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url) {
    var args = Array.prototype.slice.call(arguments);
    var target = String(url);
    if (folder) {
      target = target.replace(/\/search\/search_index\.json$/, "/" + folder + "/search/search_index.json");
    }
    if (/\/sitemap\.xml$/.test(target) &&  /* this version's, not other versions' */
        (target.indexOf(rootDir) === 0 || (siteUrl && target.indexOf(siteUrl) === 0))) {
      target = root;
    }
    args[1] = target;
    return open.apply(this, args);
  };
})(document.currentScript);
