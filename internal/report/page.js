// The report's own script: draws the charts from the JSON data block, sorts
// tables, shows term tooltips and leads from chart points to articles.
// Everything that comes from the data is treated as untrusted: markup for
// ECharts tooltips is built with esc(), and DOM text is set with
// textContent, never innerHTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);

  function esc(s) {
    return String(s == null ? '' : s).replace(/[&<>"'`]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' }[c];
    });
  }
  function num(x) {
    if (x === null || x === undefined || isNaN(x)) return '–';
    var s = Number(x).toFixed(2);
    if (s === '-0.00') s = '0.00';
    return s.replace('-', '−');
  }
  // forms writes a unit's forms with their counts: Raisi ×3, Kanani ×1.
  function forms(fs) {
    return fs.map(function (f) { return f.form + ' ×' + f.count; }).join(', ');
  }
  function row(label, value) {
    return '<br><span class="dim">' + esc(label) + '</span> ' + esc(value);
  }

  // Custom-series renderers, referred to by name in the chart options.
  var renderers = {
    // A horizontal error bar from value 1 to value 2 at category value 0.
    errorBarH: function (params, api) {
      var y = api.value(0);
      var lo = api.coord([api.value(1), y]);
      var hi = api.coord([api.value(2), y]);
      var h = api.size([0, 1])[1] * 0.3;
      var style = { stroke: '#222', lineWidth: 1.5 };
      return {
        type: 'group',
        children: [
          { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style: style },
          { type: 'line', shape: { x1: lo[0], y1: lo[1] - h / 2, x2: lo[0], y2: lo[1] + h / 2 }, style: style },
          { type: 'line', shape: { x1: hi[0], y1: hi[1] - h / 2, x2: hi[0], y2: hi[1] + h / 2 }, style: style }
        ]
      };
    }
  };

  function tooltip(formatter) {
    return { trigger: 'item', confine: true, className: 'ec-tip', formatter: formatter };
  }

  // Per kind of chart: tooltips and labels that need the chart's meta data.
  var decorate = {
    stance: function (opt, meta) {
      opt.tooltip = tooltip(function (p) {
        var r = meta[p.seriesIndex === 0 ? p.dataIndex : p.value[0]];
        if (!r) return '';
        var s = '<b>' + esc(r.unit) + '</b>' + row('mean', num(r.mean)) +
          row('95% interval', r.low === null ? '–' : '[' + num(r.low) + ', ' + num(r.high) + ']') +
          row('articles with evidence', r.n);
        if (!r.tested) s += row('not tested:', r.excluded || 'too few articles');
        return s;
      });
    },
    dist: function (opt, meta) {
      opt.tooltip = tooltip(function (p) {
        if (p.seriesIndex === 1) {
          var a = data.points[p.value[2]];
          if (!a) return '';
          return '<b>' + esc(a.t) + '</b>' + row('', a.u) + row('stance', num(p.value[0])) +
            '<br><span class="dim">' + (a.a ? 'click to read the article' : 'not among the articles shown in this report') + '</span>';
        }
        var r = meta[p.dataIndex];
        if (!r || !r.n) return '';
        return '<b>' + esc(r.unit) + '</b>' + row('articles', r.n) + row('median', num(r.median)) +
          row('middle half', num(r.q1) + ' to ' + num(r.q3)) + row('whiskers', num(r.min) + ' to ' + num(r.max));
      });
    },
    framing: function (opt, meta) {
      opt.series[0].label.formatter = function (p) { return num(p.value[2]) + '\nn = ' + p.value[3]; };
      opt.tooltip = tooltip(function (p) {
        var c = (meta.cells[p.value[0]] || [])[p.value[1]];
        if (!c) return '';
        return '<b>' + esc(meta.units[p.value[0]]) + '</b> on <b>' + esc(meta.targets[p.value[1]]) + '</b>' +
          row('mean framing', num(c.mean)) +
          row('95% interval', c.low === null ? '–' : '[' + num(c.low) + ', ' + num(c.high) + ']') +
          row('articles naming it', c.n);
      });
    },
    naming: function (opt, meta, box) {
      // Inside a bar: the words that unit wrote, never the entry's name,
      // cut to the bar's width (box.plot, set by fit).
      opt.series.forEach(function (s, i) {
        s.label.formatter = function (p) {
          var fs = meta.series[i].forms[p.dataIndex] || [];
          if (!fs.length) return '';
          return clip(fs[0].form + (fs.length > 1 ? ' …' : ''), p.value / 100 * box.plot - 8, 11);
        };
      });
      opt.tooltip = tooltip(function (p) {
        var s = meta.series[p.seriesIndex];
        if (!s) return '';
        var i = p.dataIndex;
        var out = '<b>' + esc(s.label) + '</b>' + row('in the own voice of', meta.units[i]) +
          row('times', s.counts[i]) + row('share of its own references', num(p.value) + '%');
        if (s.forms[i] && s.forms[i].length) out += row('words written', forms(s.forms[i]));
        if (s.quoted[i] && s.quoted[i].length) out += row('also quoted or distanced (not counted)', forms(s.quoted[i]));
        if (s.merged) out += row('neutral entries', s.merged.join(', '));
        else if (s.category) out += row('valence', num(s.valence) + ', ' + s.category);
        return out;
      });
    },
    distinct: function (opt, meta) {
      opt.tooltip = tooltip(function (p) {
        var t = meta.terms[p.dataIndex];
        if (!t) return '';
        return '<b>' + esc(t.term) + '</b>' + row('z', num(t.z)) + row('log-odds difference', num(t.delta)) +
          row('count here', t.count) + row('count elsewhere', t.others) +
          '<br><span class="dim">' + (t.in_lexicon ? 'in the lexicon' : 'not in the lexicon: a candidate') + '</span>';
      });
    },
    trend: function (opt, meta) {
      opt.tooltip = tooltip(function (p) {
        var panel = meta.panels[meta.series[p.seriesIndex]];
        var c = panel && panel.cells[p.dataIndex];
        if (!c) return '';
        var s = '<b>' + esc(panel.unit) + '</b>, ' + esc(c.period) + row('mean', num(c.mean)) +
          row('95% interval', c.low === null ? '–' : '[' + num(c.low) + ', ' + num(c.high) + ']') +
          row('articles with evidence', c.n + ' of ' + c.articles);
        if (c.few) s += '<br><span class="dim">too few articles: a rough mean, left out of the trend\'s slope</span>';
        return s;
      });
    },
    shift: function (opt, meta) {
      opt.tooltip = tooltip(function (p) {
        var r = meta[p.seriesIndex === 0 ? p.dataIndex : p.value[0]];
        if (!r) return '';
        return '<b>' + esc(r.unit) + '</b>' + row('mean now', num(r.mean) + ' (n = ' + r.n + ')') +
          row('baseline', num(r.base_mean) + ' (n = ' + r.base_n + ')') + row('difference', num(r.diff)) +
          row('95% interval', r.low === null ? '–' : '[' + num(r.low) + ', ' + num(r.high) + ']') +
          row('p (Holm)', r.p_holm < 0.001 ? '< 0.001' : Number(r.p_holm).toFixed(3)) +
          '<br><span class="dim">' + (r.shifted ? 'shifted' : 'not called a shift') + '</span>';
      });
    },
    map: function (opt, meta, box) {
      opt.series.forEach(function (s, i) {
        // Names stay inside the plot, clear of the axes' labels: a name
        // that would run past the right or bottom edge goes to the other
        // side of its point, and only where that fails too is it pushed
        // in (over its point).
        s.labelLayout = function (p) {
          var r = p.labelRect, pt = p.rect, out = { hideOverlap: true };
          if (i === 0) out.moveOverlap = 'shiftY';
          var g = box.chart.getModel().getComponent('grid', 0).coordinateSystem.getRect();
          var x = r.x, y = r.y;
          if (x + r.width > g.x + g.width - 2 && pt && pt.x - 4 - r.width >= g.x + 2) x = pt.x - 4 - r.width;
          if (y + r.height > g.y + g.height - 2 && pt && pt.y - 2 - r.height >= g.y + 2) y = pt.y - 2 - r.height;
          x = Math.max(g.x + 2, Math.min(x, g.x + g.width - 2 - r.width));
          y = Math.max(g.y + 2, Math.min(y, g.y + g.height - 2 - r.height));
          if (x !== r.x || y !== r.y) {
            out.x = x;
            out.y = y;
            out.align = 'left';
            out.verticalAlign = 'top';
          }
          return out;
        };
      });
      opt.tooltip = tooltip(function (p) {
        return '<b>' + esc(p.name) + '</b>' + row('', p.seriesName) +
          row('position', num(p.value[0]) + ', ' + num(p.value[1]));
      });
    }
  };

  function goToArticle(anchor) {
    if (!anchor) {
      toast('This article is not among the articles shown in this report; raise --max-articles to include it.');
      return;
    }
    var el = document.getElementById(anchor);
    if (!el) return;
    var filter = document.getElementById('article-filter');
    if (filter && el.hidden) {
      filter.value = '';
      applyFilter('');
    }
    el.open = true;
    el.scrollIntoView({ block: 'start' });
    el.classList.add('flash');
    setTimeout(function () { el.classList.remove('flash'); }, 1600);
  }

  var toastTimer;
  function toast(text) {
    var t = document.getElementById('tip');
    t.textContent = text;
    t.style.left = '50%';
    t.style.top = '24px';
    t.style.transform = 'translateX(-50%)';
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; t.style.transform = ''; }, 3500);
  }

  // Text widths, measured as the charts draw them.
  var fontFamily = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, "DejaVu Sans", sans-serif';
  var measurer = document.createElement('canvas').getContext('2d');
  function textWidth(s, size) {
    measurer.font = size + 'px ' + fontFamily;
    return measurer.measureText(String(s)).width;
  }
  // clip cuts s to at most px pixels at the font size, with an ellipsis;
  // '' when not even a few letters fit.
  function clip(s, px, size) {
    s = String(s);
    if (textWidth(s, size) <= px) return s;
    for (var n = s.length - 1; n >= 3; n--) {
      var t = s.slice(0, n) + '…';
      if (textWidth(t, size) <= px) return t;
    }
    return '';
  }

  // fit lays a chart out for its box's width: category labels take at
  // most a third of it (cut with an ellipsis beyond), the heat map's
  // columns are at least minCell wide (its box scrolls past that), and
  // box.plot is the width left for the plot, which bar labels read.
  var minCell = 48;
  function fit(spec, chart, el, box) {
    var opt = spec.option, w = el.clientWidth, patch = {};
    var y = opt.yAxis && opt.yAxis[0];
    var left = 0;
    if (y && y.type === 'category' && y.axisLabel && y.axisLabel.overflow === 'truncate') {
      if (spec.longest === undefined) {
        spec.longest = 0;
        (y.data || []).forEach(function (l) { spec.longest = Math.max(spec.longest, textWidth(l, 12)); });
      }
      var lw = Math.round(Math.max(40, Math.min(spec.longest + 6, 240, w / 3)));
      left = lw + 14;
      patch.grid = [{ left: left }];
      patch.yAxis = [{ axisLabel: { width: lw } }];
    }
    var right = (opt.grid && opt.grid[0] && +opt.grid[0].right) || 0;
    box.width = w;
    box.plot = Math.max(0, w - left - right);
    if (spec.kind === 'framing') {
      var cols = opt.xAxis[0].data.length;
      var need = left + right + cols * minCell;
      if (el.style.minWidth !== need + 'px') {
        el.style.minWidth = need + 'px';
        chart.resize();
      }
      box.plot = el.clientWidth - left - right;
      patch.xAxis = [{ axisLabel: { width: Math.floor(box.plot / cols) - 6 } }];
    }
    if (spec.kind === 'trend') layoutPanels(spec, chart, el, patch);
    chart.setOption(patch);
  }

  // layoutPanels puts the small multiples of a trend chart in as many
  // columns as its box holds panels of trendMinPx (at most the columns the
  // chart was made with), with room between them for the y labels on the
  // left and half a period label on the right, so that no label of one
  // panel reaches the next; the box grows to the rows that takes.
  var trendMinPx = 190;
  function layoutPanels(spec, chart, el, patch) {
    var m = spec.meta, n = m.panels.length, w = el.clientWidth;
    var cols = Math.max(1, Math.min(m.columns, Math.floor(w / trendMinPx)));
    var rows = Math.ceil(n / cols), colW = w / cols;
    var h = rows * (m.panel_px + m.gap_px) + 20;
    patch.grid = [];
    patch.title = [];
    for (var i = 0; i < n; i++) {
      var r = Math.floor(i / cols), c = i % cols, top = r * (m.panel_px + m.gap_px) + 28;
      patch.grid.push({ left: Math.round(c * colW + 34), width: Math.round(colW - 60), top: top, height: m.panel_px });
      patch.title.push({ left: Math.round(c * colW + 30), top: top - 24, textStyle: { width: Math.round(colW - 36) } });
    }
    if (el.style.height !== h + 'px') {
      el.style.height = h + 'px';
      chart.resize();
    }
  }

  var instances = [];
  function drawChart(spec) {
    var el = document.getElementById(spec.id);
    if (!el) return;
    el.style.height = spec.height + 'px';
    var opt = spec.option;
    opt.animation = false;
    opt.textStyle = { fontFamily: fontFamily };
    (opt.series || []).forEach(function (s) {
      if (typeof s.renderItem === 'string') {
        var f = renderers[s.renderItem];
        if (f) s.renderItem = f; else delete s.renderItem;
      }
    });
    var box = { plot: el.clientWidth, width: el.clientWidth };
    if (decorate[spec.kind]) decorate[spec.kind](opt, spec.meta, box);
    var chart = echarts.init(el, null, { renderer: 'canvas' });
    box.chart = chart;
    chart.setOption(opt);
    fit(spec, chart, el, box);
    // Charts follow their box: a phone turned, a window narrowed, a page
    // laid out for print.
    if ('ResizeObserver' in window) {
      var last = el.clientWidth;
      new ResizeObserver(function () {
        if (el.clientWidth === last) return;
        last = el.clientWidth;
        chart.resize();
        fit(spec, chart, el, box);
      }).observe(el.parentNode.classList.contains('chart-box') ? el.parentNode : el);
    }
    if (spec.kind === 'dist') {
      chart.on('click', function (p) {
        if (p.seriesIndex === 1 && data.points[p.value[2]]) goToArticle(data.points[p.value[2]].a);
      });
    }
    el.setAttribute('data-drawn', 'true');
    instances.push(chart);
  }

  // Draw the charts a few at a time so that the page stays responsive
  // while a large report opens.
  var queue = data.charts.slice();
  function drawSome() {
    var start = Date.now();
    while (queue.length && Date.now() - start < 40) {
      var spec = queue.shift();
      try {
        drawChart(spec);
      } catch (err) {
        console.error('chart ' + spec.id + ': ' + err);
      }
    }
    if (queue.length) {
      setTimeout(drawSome, 0);
    } else {
      document.documentElement.setAttribute('data-charts-ready', 'true');
    }
  }
  drawSome();

  // Printing: every collapsed table and article is opened, and the charts
  // are laid out again for the paper's width; afterwards they are put back.
  var closed = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
    instances.forEach(function (c) { c.resize(); });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
    instances.forEach(function (c) { c.resize(); });
  });

  // Wide tables become one card per row on a narrow screen: each cell
  // says which column it is.
  Array.prototype.forEach.call(document.querySelectorAll('main table'), function (table) {
    if (!table.tHead) return;
    var heads = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.replace(/[↕↑↓]/g, '').trim(); });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (r) {
        Array.prototype.forEach.call(r.cells, function (c, i) { if (heads[i]) c.setAttribute('data-label', heads[i]); });
      });
    });
    table.classList.add('card-table');
  });

  // Sortable tables: click a heading; numeric columns sort by data-v.
  Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      th.setAttribute('tabindex', '0');
      function sort() {
        var numeric = th.getAttribute('data-type') === 'num';
        var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(r) {
          var c = r.cells[col];
          if (!c) return numeric ? NaN : '';
          var v = c.hasAttribute('data-v') ? c.getAttribute('data-v') : c.textContent;
          return numeric ? parseFloat(v) : v.toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          if (numeric) {
            if (isNaN(x)) return isNaN(y) ? 0 : 1;
            if (isNaN(y)) return -1;
            return (x - y) * dir;
          }
          return x < y ? -dir : x > y ? dir : 0;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener('click', sort);
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
    });
  });

  // Term tooltips, built with textContent from the entries data.
  var tip = document.getElementById('tip');
  var voices = {
    author: "in the outlet's own voice: counts toward its stance",
    quote: "in a quotation: the speaker's word, not counted toward the outlet's stance",
    distanced: 'held at a distance: not counted toward the outlet\'s stance',
    reported: 'in reported speech (“X said that …”, “according to X”): the speaker\'s words as the outlet relays them; counted only when the article has no term of its own on the axis'
  };
  function line(cls, text) {
    var d = document.createElement('div');
    d.className = cls;
    d.textContent = text;
    tip.appendChild(d);
  }
  function showTip(m) {
    var e = data.entries[m.getAttribute('data-e')] || {};
    tip.textContent = '';
    tip.style.transform = '';
    line('tip-term', m.textContent);
    if (e.label) line('tip-row', 'entry: ' + e.label);
    line('tip-row', (e.target || '') + ' · valence ' + num(e.valence) + ' · ' + (e.category || ''));
    var c = m.getAttribute('data-c');
    if (c && c !== '0.00') line('tip-row', 'lean on the first axis ' + c);
    var v = voices[m.getAttribute('data-v')] || '';
    if (m.getAttribute('data-cue')) v += ' (cue: “' + m.getAttribute('data-cue') + '”)';
    line('tip-row', v);
    if (e.neutral && e.neutral.length) line('tip-alt', 'Neutral alternative: ' + e.neutral.join('; '));
    if (e.note) line('tip-note', e.note);
    tip.hidden = false;
    var r = m.getBoundingClientRect();
    var top = r.bottom + 8;
    if (top + tip.offsetHeight > window.innerHeight) top = Math.max(8, r.top - tip.offsetHeight - 8);
    var left = Math.min(Math.max(8, r.left), window.innerWidth - tip.offsetWidth - 8);
    tip.style.top = top + 'px';
    tip.style.left = left + 'px';
  }
  function termOf(target) {
    return target && target.closest ? target.closest('mark.t[data-e]') : null;
  }
  document.addEventListener('mouseover', function (ev) { var m = termOf(ev.target); if (m) showTip(m); });
  document.addEventListener('focusin', function (ev) { var m = termOf(ev.target); if (m) showTip(m); });
  document.addEventListener('mouseout', function (ev) { if (termOf(ev.target)) tip.hidden = true; });
  document.addEventListener('focusout', function (ev) { if (termOf(ev.target)) tip.hidden = true; });
  // The tooltip is placed for the term where it was; scrolling moves the term.
  window.addEventListener('scroll', function () { tip.hidden = true; }, { passive: true });

  // The article filter.
  function applyFilter(unit) {
    Array.prototype.forEach.call(document.querySelectorAll('details.article'), function (d) {
      d.hidden = unit !== '' && d.getAttribute('data-unit') !== unit;
    });
  }
  var filter = document.getElementById('article-filter');
  if (filter) filter.addEventListener('change', function () { applyFilter(filter.value); });

  // Links to an article (the headlines of the "Same event" section) open
  // it, as clicking its point does.
  document.addEventListener('click', function (ev) {
    var a = ev.target && ev.target.closest ? ev.target.closest('a[href^="#article-"]') : null;
    if (!a) return;
    ev.preventDefault();
    goToArticle(a.getAttribute('href').slice(1));
  });

  // Open an article named in the address.
  if (location.hash.indexOf('#article-') === 0) goToArticle(location.hash.slice(1));

  // Mark the table of contents entry of the section in view.
  if ('IntersectionObserver' in window) {
    var links = {};
    Array.prototype.forEach.call(document.querySelectorAll('.toc a'), function (a) {
      links[a.getAttribute('href').slice(1)] = a;
    });
    var obs = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (en.isIntersecting && links[en.target.id]) {
          Object.keys(links).forEach(function (k) { links[k].classList.remove('active'); });
          links[en.target.id].classList.add('active');
        }
      });
    }, { rootMargin: '0px 0px -70% 0px' });
    Array.prototype.forEach.call(document.querySelectorAll('main > section'), function (s) { obs.observe(s); });
  }
})();
