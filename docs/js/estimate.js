// The household estimate on a country page ("What could a household get?"). The rules and every word
// come from the page's <script type="application/json" class="fs-estimate-data">, written at build
// time by generator/render/estimate.py from the same Python as `factsheets estimate`. This script only
// multiplies those rules by the household chosen, as `apply` in generator/model/estimate.py does;
// tests/site/test_estimate_form.py checks the two agree. No framework, no network.
(function () {
  "use strict";
  var CONVERT_TO = ["NOK", "DKK", "EUR"];

  // -- the arithmetic: a line-by-line mirror of generator/model/estimate.py -------------------------
  function units(per, h) {
    if (per === "adult") return h.adults;
    if (per === "child") return h.children;
    if (per === "person") return h.adults + h.children;
    if (per === "family" || per === "case") return 1;
    return h.adults + h.children === 1 ? 1 : null;
  }
  function applyRule(rule, h) {
    var count = units(rule.per, h);
    if (rule.kind !== "amount") return {count: count, low: 0, high: rule.kind === "unknown" ? null : 0};
    var months = rule.months;
    var low = rule.conditional ? 0 : rule.low * (count !== null ? count : 1) * (months || 1);
    var high = rule.high === null || count === null || months === null ? null : rule.high * count * months;
    return {count: count, low: low, high: high};
  }
  function total(lines, rules) {
    var low = 0, high = 0, open = false, groups = {}, order = [];
    lines.forEach(function (line, i) {
      var choice = rules[i].choice;
      if (choice) {
        if (!groups[choice]) { groups[choice] = []; order.push(choice); }
        groups[choice].push(line);
        return;
      }
      low += line.low;
      if (line.high === null) open = true; else high += line.high;
    });
    order.forEach(function (choice) {
      var members = groups[choice];
      low += Math.min.apply(null, members.map(function (m) { return m.low; }));
      if (members.some(function (m) { return m.high === null; })) open = true;
      else high += Math.max.apply(null, members.map(function (m) { return m.high; }));
    });
    return {low: low, high: open ? null : high};
  }
  function apply(p, h, host) {
    var lines = p.rules.map(function (rule) { return applyRule(rule, h); });
    var reason = p.host !== host ? "host" : p.not_counted ||
      (p.needs_group && p.needs_group.indexOf(h.group) < 0 ? "group" : null);
    var sum = total(lines, p.rules), low = sum.low, high = sum.high;
    if (p.package) {
      var capUnits = units(p.package.per, h);
      if (capUnits !== null) {
        var cap = p.package.amount * capUnits;
        low = Math.min(low, cap);
        high = high === null ? cap : Math.min(high, cap);
      }
    }
    var given = p.rules.some(function (r) { return r.kind === "amount"; }) || p.package !== null;
    return {counted: reason === null, reason: reason, low: low, high: high, given: given, lines: lines};
  }

  // -- words: a mirror of money_range and line_words in generator/render/estimate.py -----------------
  function money(d, n, currency) {
    n = n + 0;
    var whole = n % 1 === 0 || n >= 100;
    var digits = {minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2};
    var shown = new Intl.NumberFormat(d.locale, digits).format(n);
    return (d.money[currency] || currency + " {n}").replace("{n}", shown);
  }
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }
  function range(d, low, high, currency) {
    if (!currency || (high === null && low === 0)) return d.words.not_given;
    if (high === null) return fill(d.words.at_least, {amount: money(d, low, currency)});
    if (low === high) return money(d, low, currency);
    if (low === 0) return fill(d.words.up_to, {amount: money(d, high, currency)});
    return fill(d.words.range, {low: money(d, low, currency), high: money(d, high, currency)});
  }
  function lineWords(d, rule, line, text, currency) {
    if (rule.kind !== "amount") return text.unit;
    var times = line.count === null ? "" : " × " + line.count;
    return text.unit + times + " = " + range(d, line.low, line.high, currency);
  }
  function converted(d, low, high, currency) {
    if (!currency || !(currency in d.rates)) return "";
    return CONVERT_TO.filter(function (code) { return code !== currency && code in d.rates; }).map(function (code) {
      var rate = function (v) { return Math.round(v / d.rates[currency] * d.rates[code]); };
      return range(d, rate(low), high === null ? null : rate(high), code);
    }).join(" · ");
  }

  // -- the page ---------------------------------------------------------------------------------------
  function element(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    (children || []).forEach(function (child) {
      if (child !== null && child !== "") node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function field(label, control) {
    return element("label", {"class": "fs-estimate-field"}, [element("span", {}, [label]), control]);
  }
  function numberInput(name, value) {
    return element("input", {type: "number", name: name, min: "0", max: "50", step: "1", value: String(value), inputmode: "numeric"});
  }
  function select(name, options, chosen) {
    var node = element("select", {name: name});
    options.forEach(function (o) {
      var option = element("option", {value: o.code}, [o.name]);
      if (o.code === chosen) option.selected = true;
      node.appendChild(option);
    });
    return node;
  }
  function count(form, name) {
    var n = parseInt(form.elements[name].value, 10);
    return isNaN(n) || n < 0 ? 0 : Math.min(n, 50);
  }
  function cite(target) {  // {label, href, title}: the source's label, opening the cited passage
    return element("a", {"class": "fs-cite", href: target.href, title: target.title}, [target.label]);
  }
  function programmeBlock(d, p, result) {
    var currency = p.currency;
    var items = p.lines.map(function (text, i) {
      var line = result.lines[i];
      return element("li", {"data-line": String(i)}, [
        element("strong", {}, [text.label]), ": " + lineWords(d, p.rules[i], line, text, currency),
        text.notes ? element("span", {"class": "fs-muted"}, [" (" + text.notes + ")"]) : "",
        " ", element("span", {"class": "fs-meta"}, [text.date + " ", cite(text.cite)])]);
    });
    var title = p.short === p.name ? p.name : p.short + " – " + p.name;
    var conv = converted(d, result.low, result.high, currency);
    return element("section", {"class": "fs-estimate-programme", "data-programme": p.id, "data-low": String(result.low),
                               "data-high": result.high === null ? "" : String(result.high)}, [
      element("p", {"class": "fs-estimate-title"}, [element("a", {href: p.href}, [title]), " ",
        element("span", {"class": "fs-meta"}, [p.status])]),
      element("p", {"class": "fs-estimate-total"}, [element("strong", {}, [d.words.total + ": " +
        range(d, result.low, result.high, currency)]), conv ? element("span", {"class": "fs-conv"}, [" ≈ " + conv]) : ""]),
      p.package_words ? element("p", {}, [p.package_words]) : "",
      element("ul", {}, items)]);
  }
  function pairWords(d, a, b) {
    var found = d.pairs.filter(function (pair) { return (pair.a === a.id && pair.b === b.id) || (pair.a === b.id && pair.b === a.id); })[0];
    var head = d.words.together + ": " + a.short + " + " + b.short + ": ";
    if (!found) return element("p", {"class": "fs-estimate-together"}, [head + d.words.not_stated]);
    return element("p", {"class": "fs-estimate-together"}, [head + found.words + ". " + found.text + " ", cite(found.cite)]);
  }
  function render(d, form, out) {
    var h = {adults: count(form, "adults"), children: count(form, "children"), group: form.elements.group.value || null};
    var host = form.elements.host.value;
    var results = d.programmes.map(function (p) { return {p: p, r: apply(p, h, host)}; });
    var counted = results.filter(function (x) { return x.r.counted; });
    var nodes = h.adults + h.children === 0 ? [element("p", {}, [d.words.none])] : counted.map(function (x) {
      return programmeBlock(d, x.p, x.r);
    });
    if (h.adults + h.children > 0 && !counted.length) nodes.push(element("p", {}, [d.words.none]));
    for (var i = 0; h.adults + h.children > 0 && i < counted.length; i++) {
      for (var j = i + 1; j < counted.length; j++) nodes.push(pairWords(d, counted[i].p, counted[j].p));
    }
    var skipped = results.filter(function (x) { return !x.r.counted && x.r.reason !== "host"; });
    if (skipped.length) {
      nodes.push(element("p", {"class": "fs-muted"}, [d.words.not_counted + ": "].concat(skipped.map(function (x, k) {
        return element("span", {"data-programme": x.p.id, "data-reason": x.r.reason},
                       [x.p.short + " (" + x.p.reasons[x.r.reason] + ")" + (k < skipped.length - 1 ? ", " : "")]);
      }))));
    }
    if (d.rates_date) nodes.push(element("p", {"class": "fs-muted"}, [fill(d.words.converted, {date: d.rates_date})]));
    out.textContent = "";
    nodes.forEach(function (node) { out.appendChild(node); });
  }
  function setup() {
    document.querySelectorAll("[data-estimate]").forEach(function (box) {
      if (box.dataset.ready) return;
      box.dataset.ready = "yes";
      var d = JSON.parse(box.querySelector(".fs-estimate-data").textContent);
      var form = element("form", {"class": "fs-estimate-form"}, [
        field(d.words.host, select("host", d.hosts, d.default_host)),
        field(d.words.adults, numberInput("adults", 1)),
        field(d.words.children, numberInput("children", 0)),
        field(d.words.group, select("group", [{code: "", name: d.words.no_group}].concat(d.groups), ""))]);
      var out = element("div", {"class": "fs-estimate-out", "aria-live": "polite"});
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.addEventListener("input", function () { render(d, form, out); });
      form.addEventListener("change", function () { render(d, form, out); });
      box.appendChild(form);
      box.appendChild(out);
      render(d, form, out);
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(setup);
  else document.addEventListener("DOMContentLoaded", setup);
})();
