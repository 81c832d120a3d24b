// The planners' catchment map (issue 4, item 5; scenarios: issue 5, item 4).
//
// One catchment method's PCN catchments, coloured by size band, resident population or alignment,
// over district, network area and locality outlines, with the practices, coverage gaps and
// overlaps, and a side panel with one PCN's figures, member practices and district shares. When
// the server has scenarios, a panel to pick or create one, change it by clicking, and see its
// catchments and a before/after table; and one to ask the server for a proposal (issue 14) and
// see or accept it as a scenario.
//
// Plain ES2020, Leaflet and pbf (a protocol-buffer reader), both served from their WebJars; no
// build step. Every request goes to this server's own API, so the page works offline; a tiled
// basemap is drawn only when the server was started with --basemap-url.
//
// A layer of more features than the server's --map-tiles-above (config.tilesAbove; all England's
// catchments, its LSOAs) is drawn from the layer's vector tiles (OGC API - Tiles, WebMercatorQuad)
// onto canvas tiles; a smaller one from its GeoJSON items, one SVG path per feature.
//
// DOM hooks (kept stable: the browser test uses them):
//   #map[data-state]              loading | ready | error; "ready" once the current method's
//                                 catchments (and its gaps and overlaps) are drawn
//   #map[data-method]             the method whose catchments are drawn
//   #map[data-zoom]               the map's zoom level
//   path.catchment[data-pcn]      one SVG path per drawn catchment (PCNs with no area are not drawn)
//   #map[data-catchments]         "geojson" or "tiles": how the catchments are drawn, with
//                                 [data-tiles] "loading" | "loaded" for the tiles in view
//   #map[data-view]               the view's box in CRS84: west,south,east,north
//   canvas.vector-tile[data-features]  a drawn vector tile and its number of features
//   path.practice[data-practice]  one circle marker per practice
//   #panel-pcn-code               the code of the PCN shown in #panel
//   #legend > .legend[data-mode]  the legend of the current colour mode
//
// and, when the server has scenarios (config.scenarios):
//   #scenario-panel               the panel: #scenario-token, #scenario-select, #scenario-name,
//                                 #scenario-create, #scenario-status (messages, aria-live)
//   #map[data-scenario]           the id of the scenario drawn, with [data-scenario-version];
//                                 #map[data-state] is "loading" while a scenario loads too
//   path.catchment-scenario[data-pcn]  one SVG path per drawn catchment of the scenario
//   #scenario-comparison tr[data-pcn][data-status]  the before/after rows; their difference
//                                 cells are td[data-col][data-value]
//   #scenario-move-pcn, #scenario-move, #scenario-close-practice  a clicked practice's popup
//   path.site-added[data-site]    a site the scenario adds
//   #propose-panel                proposals: #propose-lower, #propose-upper, #propose-on,
//                                 #propose-layer, #propose-crossing, #propose-max-moves,
//                                 #propose-run, #propose-progress, #propose-status[data-kind]
//                                 (aria-live), #propose-error-{lower,upper,...} (a 422's
//                                 description next to its field)
//   #propose-summary[data-proposal][data-scenario]  the proposal done: tr[data-figure] with
//                                 td.before / td.after [data-value], #propose-moved[data-value],
//                                 #propose-unmet li (the reasons); #propose-accept-name, #propose-accept
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const UNALLOCATED = 'U'; // the pseudo-PCN of practices in none (model.Practice.UNALLOCATED)
  /** Whether a PCN row or feature is the unallocated practices: shown as such, never as a PCN. */
  const isUnallocated = (p) => p.pcn_code === UNALLOCATED;
  const mapEl = $('map');

  // ---------------------------------------------------------------------------------------------
  // Small helpers

  /** Builds an element: h('td', {class: 'num'}, '12'). Text children are never parsed as HTML. */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value == null || value === false) continue;
      if (key === 'class') el.className = value;
      else if (key === 'style') Object.assign(el.style, value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child != null && child !== false)
        el.append(child instanceof Node ? child : String(child));
    }
    return el;
  }

  const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
  const count = (n) => (n == null ? '—' : wholeNumber.format(n));
  const decimals = (n, d) =>
    n == null
      ? '—'
      : n.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
  const percent = (share) => (share == null ? '—' : decimals(share * 100, 1) + '%');
  const yesNo = (b) => (b == null ? '—' : b ? 'yes' : 'no');
  const plural = (n, one, many) => `${count(n)} ${n === 1 ? one : many}`;

  /** GET a JSON resource of this server; a failure becomes an Error carrying the API's description. */
  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      let description = `${response.status} ${response.statusText}`;
      try {
        description = (await response.json()).description || description;
      } catch (ignored) {
        // not a JSON error body: keep the status line
      }
      throw new Error(`${url}: ${description}`);
    }
    return response.json();
  }

  /**
   * Every feature of a collection: the items at `url` and the pages after them (the API returns at
   * most 10,000 features a page and links the next one).
   */
  async function getFeatures(url) {
    const collection = await getJson(url);
    for (let page = collection; ;) {
      const next = (page.links || []).find((link) => link.rel === 'next');
      if (!next) return collection;
      page = await getJson(next.href);
      collection.features.push(...page.features);
    }
  }

  /** A PCN or practice with no area comes back with empty coordinates: nothing to draw. */
  const hasGeometry = (f) =>
    f.geometry != null && (f.geometry.coordinates ?? f.geometry.geometries).length > 0;
  /** Whether a PCN has a catchment on the map (drawn from its feature, or from the tiles). */
  const hasCatchment = (f) =>
    hasGeometry(f) || (f.geometry === null && f.tiled === true && f.properties.catchment_note == null);
  const method = () => state.method;
  const q = encodeURIComponent;

  function setStatus(text) {
    const el = $('map-status');
    el.textContent = text;
    el.hidden = !text;
  }

  // ---------------------------------------------------------------------------------------------
  // Vector tiles: a layer's Mapbox Vector Tiles decoded (with pbf) and drawn on canvas tiles

  /** The features of a Mapbox Vector Tile's layers: {type, properties, rings} in tile units. */
  function decodeTile(buffer) {
    const features = [];
    new Pbf(new Uint8Array(buffer)).readFields((tag, _, pbf) => {
      if (tag === 3) readLayer(pbf, features);
    }, null);
    return features;
  }

  function readLayer(pbf, features) {
    const layer = { extent: 4096, keys: [], values: [], raw: [] };
    pbf.readMessage((tag, l, p) => {
      if (tag === 5) l.extent = p.readVarint();
      else if (tag === 3) l.keys.push(p.readString());
      else if (tag === 4) l.values.push(readValue(p));
      else if (tag === 2) l.raw.push(readFeature(p));
    }, layer);
    for (const f of layer.raw) {
      const properties = {};
      for (let i = 0; i + 1 < f.tags.length; i += 2) {
        properties[layer.keys[f.tags[i]]] = layer.values[f.tags[i + 1]];
      }
      const scale = 1 / layer.extent; // rings in the tile's unit square
      features.push({ type: f.type, properties, rings: geometryRings(f.geometry, scale) });
    }
  }

  function readValue(pbf) {
    let value = null;
    pbf.readMessage((tag, _, p) => {
      value =
        tag === 1
          ? p.readString()
          : tag === 2
            ? p.readFloat()
            : tag === 3
              ? p.readDouble()
              : tag === 4
                ? p.readVarint64()
                : tag === 5
                  ? p.readVarint()
                  : tag === 6
                    ? p.readSVarint()
                    : tag === 7
                      ? p.readBoolean()
                      : null;
    }, null);
    return value;
  }

  function readFeature(pbf) {
    const f = { type: 0, tags: [], geometry: [] };
    pbf.readMessage((tag, x, p) => {
      if (tag === 2) p.readPackedVarint(x.tags);
      else if (tag === 3) x.type = p.readVarint();
      else if (tag === 4) p.readPackedVarint(x.geometry);
    }, f);
    return f;
  }

  /** The MVT geometry commands (MoveTo, LineTo, ClosePath) as rings or lines of [x, y]. */
  function geometryRings(commands, scale) {
    const rings = [];
    let ring = null;
    let x = 0;
    let y = 0;
    for (let i = 0; i < commands.length; ) {
      const id = commands[i] & 7;
      const n = commands[i] >> 3;
      i++;
      if (id === 7) continue; // ClosePath: the canvas closes the ring
      for (let k = 0; k < n; k++) {
        x += (commands[i] >> 1) ^ -(commands[i] & 1);
        y += (commands[i + 1] >> 1) ^ -(commands[i + 1] & 1);
        i += 2;
        if (id === 1) rings.push((ring = []));
        ring.push([x * scale, y * scale]);
      }
    }
    return rings;
  }

  /**
   * A layer drawn from a collection's vector tiles: `style(properties)` gives the Leaflet path
   * style of each feature; `restyle()` redraws the tiles already fetched; `featureAt(latlng)` the
   * properties of the polygon under a point (the topmost), or null.
   */
  const VectorTiles = L.GridLayer.extend({
    options: { maxNativeZoom: 16, updateWhenZooming: false },

    initialize(url, style, options) {
      this._url = url;
      this._style = style;
      L.setOptions(this, options);
    },

    createTile(coords, done) {
      const tile = L.DomUtil.create('canvas', 'vector-tile');
      const size = this.getTileSize();
      const ratio = window.devicePixelRatio || 1;
      tile.width = size.x * ratio;
      tile.height = size.y * ratio;
      const url = this._url
        .replace('{z}', coords.z)
        .replace('{y}', coords.y)
        .replace('{x}', coords.x);
      fetch(url, { headers: { Accept: 'application/vnd.mapbox-vector-tile' } })
        .then(async (response) => {
          if (response.status === 204) return [];
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return decodeTile(await response.arrayBuffer());
        })
        .then((features) => {
          tile.features = features.map((f) => ({ ...f, path: tilePath(f) }));
          tile.dataset.features = features.length;
          this._draw(tile);
          done(null, tile);
        })
        .catch((e) => {
          console.error(e);
          done(e, tile);
        });
      return tile;
    },

    _draw(tile) {
      const ctx = tile.getContext('2d');
      const w = tile.width;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, tile.height);
      const lineScale = w / this.getTileSize().x; // CSS pixels to canvas pixels
      for (const f of tile.features || []) {
        const s = this._style(f.properties);
        ctx.setTransform(w, 0, 0, tile.height, 0, 0);
        if (f.type === 3 && s.fill !== false && (s.fillOpacity ?? 0.2) > 0) {
          ctx.globalAlpha = s.fillOpacity ?? 0.2;
          ctx.fillStyle = s.fillColor || s.color || '#3388ff';
          ctx.fill(f.path, 'evenodd');
        }
        if (f.type === 1) {
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.globalAlpha = s.fillOpacity ?? 1;
          ctx.fillStyle = s.fillColor || '#fff';
          for (const ring of f.rings) {
            for (const [x, y] of ring) {
              ctx.beginPath();
              ctx.arc(x * w, y * tile.height, (s.radius || 3) * lineScale, 0, 2 * Math.PI);
              ctx.fill();
            }
          }
          continue;
        }
        if (s.stroke !== false && (s.weight ?? 3) > 0) {
          // the stroke in canvas pixels: the path is in the unit square, so the transform is reset
          ctx.setTransform(1, 0, 0, 1, 0, 0);
          ctx.globalAlpha = s.opacity ?? 1;
          ctx.strokeStyle = s.color || '#3388ff';
          ctx.lineWidth = (s.weight ?? 3) * lineScale;
          ctx.setLineDash(
            s.dashArray ? String(s.dashArray).split(/[ ,]+/).map((d) => d * lineScale) : [],
          );
          ctx.stroke(scaledPath(f, w, tile.height));
        }
      }
      ctx.globalAlpha = 1;
      ctx.setLineDash([]);
    },

    restyle() {
      for (const key in this._tiles) {
        const tile = this._tiles[key].el;
        if (tile.features) this._draw(tile);
      }
    },

    featureAt(latlng) {
      if (!this._map || this._tileZoom === undefined) return null;
      const size = this.getTileSize();
      const point = this._map.project(latlng, this._tileZoom);
      const coords = point.unscaleBy(size).floor();
      coords.z = this._tileZoom;
      const entry = this._tiles[this._tileCoordsToKey(coords)];
      if (!entry || !entry.el.features) return null;
      const x = (point.x - coords.x * size.x) / size.x;
      const y = (point.y - coords.y * size.y) / size.y;
      const probe = hitCanvas();
      for (let i = entry.el.features.length - 1; i >= 0; i--) {
        const f = entry.el.features[i];
        if (f.type === 3 && probe.isPointInPath(f.path, x * 1e4, y * 1e4, 'evenodd')) {
          return f.properties;
        }
      }
      return null;
    },
  });

  /** A polygon's or line's path in the tile's unit square. */
  function tilePath(f) {
    const path = new Path2D();
    for (const ring of f.rings) {
      ring.forEach(([x, y], i) => (i === 0 ? path.moveTo(x, y) : path.lineTo(x, y)));
      if (f.type === 3) path.closePath();
    }
    return path;
  }

  /** The path at the canvas's size, for strokes of an even width whatever the zoom. */
  function scaledPath(f, w, hgt) {
    if (!f.scaled || f.scaled.w !== w) {
      const path = new Path2D();
      for (const ring of f.rings) {
        ring.forEach(([x, y], i) => (i === 0 ? path.moveTo(x * w, y * hgt) : path.lineTo(x * w, y * hgt)));
        if (f.type === 3) path.closePath();
      }
      f.scaled = { w, path };
    }
    return f.scaled.path;
  }

  /** A canvas for hit tests, with paths scaled by 10^4 (isPointInPath uses the current transform). */
  let probeContext = null;
  function hitCanvas() {
    if (!probeContext) {
      probeContext = document.createElement('canvas').getContext('2d');
      probeContext.setTransform(1e4, 0, 0, 1e4, 0, 0);
    }
    return probeContext;
  }

  /** Whether a layer is drawn from its tiles: more features than the server's threshold. */
  const tiled = (id) => (state.config.featureCounts?.[id] ?? 0) > state.config.tilesAbove;

  /**
   * A VectorTiles layer of a collection, asking only for the tiles within the tileset's limits
   * (the tiles of the collection's extent: the server answers 404 for others).
   */
  async function tileLayer(id, style, options) {
    const doc = await getJson(`/collections/${q(id)}`);
    const [w, s, e, n] = doc.extent.spatial.bbox[0];
    return new VectorTiles(`/collections/${q(id)}/tiles/WebMercatorQuad/{z}/{y}/{x}`, style, {
      ...options,
      bounds: L.latLngBounds([s, w], [n, e]),
    });
  }

  // ---------------------------------------------------------------------------------------------
  // State

  const state = {
    config: null,
    method: null,
    colourBy: 'size-band',
    scale: null, // the current colour scale: {colour(props), items, note}
    selected: null, // the PCN code shown in the panel
    selectedPractice: null,
    pcns: [], // the current method's catchment features (drawn or not), sorted by name
    paths: new Map(), // PCN code -> its Leaflet polygon (drawn ones; from tiles: those selected)
    tiles: null, // the catchments' VectorTiles layer, when the method's layer is drawn from tiles
    practices: [], // practice features
    markers: new Map(), // practice code -> its circle marker
    catchments: new Map(), // method -> catchment FeatureCollection (fetched once)
    coverage: new Map(), // method -> {gaps, overlaps}
    details: new Map(), // "method/code" -> /analysis/pcns/{code} document
    loadToken: 0, // only the latest method switch may draw
    panelToken: 0, // only the latest selection may fill the panel
    loading: new Set(), // what is on its way: 'method', 'scenario'
    // scenarios (only when the server has them)
    scenarios: [], // their summaries, for the picker
    scenario: null, // the selected scenario as read or last written: {id, version, changes, ...}
    scenarioView: true, // draw the scenario's catchments (else the baseline's alone)
    scenarioToken: 0, // only the latest scenario load may draw
    comparison: null, // the selected scenario's comparison for the current method
    changedPcns: new Set(), // the PCNs whose figures the scenario changes
    placingSite: false, // the next map click places a new site
    proposing: false, // a proposal is running: the page polls it
    proposal: null, // the last proposal done (GET /proposals/{id}), for "Accept"
  };

  // ---------------------------------------------------------------------------------------------
  // The map and its panes (a higher z-index draws above; outlines never take the mouse, so a click
  // on a district boundary still reaches the catchment underneath)

  const map = L.map(mapEl, { zoomSnap: 0.25, zoomDelta: 0.5, minZoom: 5, maxZoom: 18 });
  for (const [name, zIndex, passive] of [
    ['scenario', 405, true], // a scenario's catchments, under the baseline's dotted outlines
    ['catchments', 410, false],
    ['coverage', 420, false],
    ['outlines', 430, true],
    ['selection', 440, true],
    ['practices', 450, false],
  ]) {
    const pane = map.createPane(name);
    pane.style.zIndex = zIndex;
    if (passive) pane.style.pointerEvents = 'none';
  }
  L.control.scale({ imperial: false }).addTo(map);
  // north is up in Web Mercator: the arrow says so, on screen, in print and in an exported picture
  const NorthArrow = L.Control.extend({
    options: { position: 'topright' },
    onAdd() {
      const el = L.DomUtil.create('div', 'north-arrow');
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', 'North is up');
      el.innerHTML =
        '<svg viewBox="0 0 20 30" width="20" height="30" aria-hidden="true">' +
        '<path d="M10 2 L17 22 L10 17 L3 22 Z" fill="#1b1b1b"/>' +
        '<text x="10" y="30" text-anchor="middle" font-size="9" font-family="sans-serif">N</text></svg>';
      return el;
    },
  });
  new NorthArrow().addTo(map);
  // Keyboard: a layer with a tooltip listens for focus, which makes Chromium put every catchment and
  // practice marker (thousands for England) in the tab order before focus can leave the map. They
  // are reached through the search and the PCN list instead; tabindex -1 takes them out of the order.
  map.on('layeradd', (e) => {
    const el = e.layer.getElement?.();
    if (el && el instanceof SVGElement) el.setAttribute('tabindex', '-1');
  });
  map.attributionControl.setPrefix(
    '<a href="https://leafletjs.com" title="A JavaScript library for interactive maps">Leaflet</a>',
  );
  const showZoom = () => {
    mapEl.dataset.zoom = map.getZoom();
    // area labels only where there is room for them
    mapEl.classList.toggle('labels-hidden', map.getZoom() < 9);
  };
  map.on('zoomend', showZoom);
  // the view's box in CRS84 (west,south,east,north): what the page shows, for a picture of it
  map.on('moveend', () => {
    const b = map.getBounds();
    mapEl.dataset.view = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]
      .map((v) => v.toFixed(6))
      .join(',');
  });

  // One group per toggled layer; the catchment and coverage groups are refilled when the method
  // changes, the others are filled once, the first time they are shown.
  const groups = {
    catchments: L.featureGroup(),
    gaps: L.featureGroup(),
    overlaps: L.featureGroup(),
    practices: L.featureGroup(),
    selection: L.featureGroup().addTo(map),
    scenario: L.featureGroup(),
    scenarioSites: L.featureGroup(),
    newSite: L.featureGroup().addTo(map),
  };

  // ---------------------------------------------------------------------------------------------
  // Colour modes: the server resolves each for the method's catchments (/map/scales.json, from the
  // styles both the page and the PNG renderer read, /map/styles.json); the page evaluates the rule

  /** A style of styles.json ({stroke, strokeWidth, strokeOpacity, dash}) as Leaflet's path options. */
  function pathStyle(s) {
    const out = { color: s.stroke, weight: s.strokeWidth, opacity: s.strokeOpacity ?? 1 };
    out.dashArray = s.dash ? s.dash.join(' ') : null;
    if (s.fill) {
      out.fillColor = s.fill;
      out.fillOpacity = s.fillOpacity;
    }
    return out;
  }

  /** The number a rule classes: a property, or the mean of counts per class (IMD deciles). */
  function ruleValue(rule, p) {
    if (rule.meanOfCounts) {
      const { prefix, from, to } = rule.meanOfCounts;
      let n = 0;
      let sum = 0;
      for (let k = from; k <= to; k++) {
        const v = p[prefix + k] || 0;
        n += v;
        sum += k * v;
      }
      return n > 0 ? sum / n : null;
    }
    const v = p[rule.property];
    return typeof v === 'number' ? v : null;
  }

  /** The colour a resolved rule gives these properties, or null for no data (render.Rule). */
  function ruleColour(rule, p) {
    switch (rule.type) {
      case 'categories': {
        const i = rule.values.indexOf(p[rule.property]);
        return i < 0 ? null : rule.colours[i];
      }
      case 'steps': {
        const v = ruleValue(rule, p);
        if (v == null || Number.isNaN(v) || (rule.positive && !(v > 0))) return null;
        return rule.colours[rule.limits.filter((l) => v >= l).length];
      }
      case 'split': {
        const flag = p[rule.flag];
        if (typeof flag !== 'boolean') return null;
        return ruleColour(flag ? rule.whenTrue : rule.whenFalse, p);
      }
      default:
        return null;
    }
  }

  /** The scale of the current mode: a colour per feature, the legend items and note. */
  function currentScale() {
    const s = state.scales[state.colourBy] || state.scales['size-band'];
    return {
      title: s.title,
      // the unallocated practices are no network: the no-data colour, whatever their figures
      colour: (p) => (isUnallocated(p) ? s.unallocated : (ruleColour(s.rule, p) ?? s.noData)),
      items: s.items,
      note: s.note,
      unallocated: s.unallocated,
    };
  }

  /** The residents' mean national IMD decile, from their counts per decile (null when none). */
  function meanDecile(p) {
    return ruleValue(state.styles.colourModes['imd-decile'], p);
  }

  /** Offers the colour modes the method's catchments can use (profile modes need a profile). */
  function offerProfileModes() {
    const select = $('colour-by');
    const offered = Object.keys(state.scales);
    select.replaceChildren(
      ...offered.map((mode) => h('option', { value: mode }, state.styles.colourModes[mode].label)),
    );
    if (!offered.includes(state.colourBy)) state.colourBy = 'size-band';
    select.value = state.colourBy;
  }

  // ---------------------------------------------------------------------------------------------
  // Catchments

  const selectedStyle = { fillOpacity: 0.9 };
  const hoverStyle = { color: '#111', weight: 2.5, opacity: 1 };

  function catchmentStyle(feature) {
    const p = feature.properties;
    if (scenarioShown()) {
      // the scenario's catchments fill the map; the baseline's stay clickable, as dotted outlines
      return { ...pathStyle(state.styles.scenario.baseline), fillOpacity: 0 };
    }
    const c = state.styles.catchments;
    const base = {
      ...pathStyle(c),
      fillColor: state.scale.colour(p),
      // overlapping methods (distance, min-share) stack their catchments: fill them lighter
      fillOpacity: state.overlapping ? c.overlappingFillOpacity : c.fillOpacity,
    };
    return p.pcn_code === state.selected ? { ...base, ...selectedStyle } : base;
  }

  /**
   * Outlines the selected catchment above the district outlines: a yellow line on a black one,
   * which shows on every fill colour.
   */
  function outlineSelection() {
    groups.selection.clearLayers();
    const path = state.paths.get(state.selected);
    if (!path || !map.hasLayer(groups.catchments)) return;
    const latlngs = path.getLatLngs();
    for (const [color, weight] of [
      ['#0b0c0c', 6],
      ['#ffdd00', 3],
    ]) {
      groups.selection.addLayer(
        L.polygon(latlngs, {
          pane: 'selection',
          interactive: false,
          fill: false,
          color,
          weight,
          opacity: 1,
        }),
      );
    }
  }

  async function drawCatchments(collection) {
    groups.catchments.clearLayers();
    state.paths.clear();
    state.tiles = null;
    mapEl.dataset.catchments = collection ? 'geojson' : 'tiles';
    if (!collection) return drawCatchmentTiles();
    const layer = L.geoJSON(
      { type: 'FeatureCollection', features: collection.features.filter(hasGeometry) },
      {
        pane: 'catchments',
        className: 'catchment',
        style: catchmentStyle,
        onEachFeature(feature, path) {
          const code = feature.properties.pcn_code;
          state.paths.set(code, path);
          // the SVG element exists once the path is on the map
          path.on('add', () => path.getElement().setAttribute('data-pcn', code));
          path.bindTooltip(() => catchmentTooltip(feature.properties), { sticky: true });
          path.on({
            mouseover() {
              path.setStyle(hoverStyle);
              path.bringToFront();
            },
            mouseout() {
              path.setStyle(catchmentStyle(feature));
              if (state.selected !== code) state.paths.get(state.selected)?.bringToFront();
            },
            click() {
              if (!state.placingSite) selectPcn(code);
            },
          });
        },
      },
    );
    groups.catchments.addLayer(layer);
    state.paths.get(state.selected)?.bringToFront();
    outlineSelection();
  }

  /**
   * The method's catchments from their vector tiles: coloured by the same style; a click selects
   * the PCN under it, hovering shows the same tooltip. The selected catchment's outline is its
   * GeoJSON feature, fetched when selected ({@link catchmentPath}).
   */
  async function drawCatchmentTiles() {
    const layer = await tileLayer(
      `catchments-${method()}`,
      (p) => catchmentStyle({ properties: p }),
      { pane: 'catchments', className: 'catchment-tiles' },
    );
    state.tiles = layer;
    layer.on('loading', () => (mapEl.dataset.tiles = 'loading'));
    layer.on('load', () => (mapEl.dataset.tiles = 'loaded'));
    groups.catchments.addLayer(layer);
    outlineSelection();
  }

  /** The PCN catchment under a map event's point, when drawn from tiles (not under a marker). */
  function tiledPcnAt(e) {
    if (!state.tiles || !map.hasLayer(groups.catchments)) return null;
    if (e.originalEvent?.target?.closest?.('.leaflet-interactive')) return null;
    return state.tiles.featureAt(e.latlng);
  }

  function listenTiles() {
    const tip = L.tooltip({ sticky: true, direction: 'top', offset: [0, -8] });
    let pending = null;
    map.on('mousemove', (e) => {
      if (!state.tiles) return;
      if (pending) return;
      pending = requestAnimationFrame(() => {
        pending = null;
        const p = tiledPcnAt(e);
        mapEl.classList.toggle('over-catchment', p != null);
        if (p) tip.setLatLng(e.latlng).setContent(catchmentTooltip(p)).addTo(map);
        else tip.remove();
      });
    });
    map.on('mouseout', () => tip.remove());
    map.on('click', (e) => {
      if (state.placingSite) return;
      const p = tiledPcnAt(e);
      if (p) selectPcn(p.pcn_code);
    });
  }

  /**
   * The selected catchment's polygon when the catchments are drawn from tiles: its GeoJSON
   * feature, fetched once (for the outline and zooming to it); nothing when it has no catchment.
   */
  async function catchmentPath(code) {
    if (!state.tiles || code == null || state.paths.has(code)) return;
    const m = method();
    let feature;
    try {
      feature = await getJson(
        `/collections/catchments-${q(m)}/items/${q(code)}?simplify=20&precision=5`,
      );
    } catch (e) {
      return; // no catchment under this method: the panel says why
    }
    if (m !== method() || !hasGeometry(feature)) return;
    const path = L.geoJSON(feature).getLayers()[0];
    path.feature = feature;
    state.paths.set(code, path);
  }

  function catchmentTooltip(p) {
    const value = {
      'size-band': `${p.size_band}: registered list ${count(p.registered_list)}`,
      population: `${count(p.resident_population)} residents`,
      alignment:
        p.dominant_district_share == null
          ? 'no residents'
          : `${percent(p.dominant_district_share)} of residents in ${p.dominant_district_name}`,
      core20: `Core20: ${percent(p.core20_share)} of residents`,
      'imd-decile': `mean IMD decile ${decimals(meanDecile(p), 1)}`,
      'over-65': `${percent(p.share_65_plus)} aged 65 and over`,
    }[state.colourBy];
    return h('div', {}, h('strong', {}, p.pcn_name), ` (${p.pcn_code})`, h('br'), value);
  }

  /** Recolours the drawn catchments and the list, and redraws the legend (method or mode changed). */
  function recolour() {
    state.scale = currentScale();
    restyleCatchments();
    renderLegend();
    renderPcnList();
  }

  // ---------------------------------------------------------------------------------------------
  // Outline layers, practices, gaps and overlaps

  /** The name shown for an area of any layer (districts, network areas, localities, others). */
  const areaName = (f) =>
    f.properties.district_name ||
    f.properties.area_name ||
    f.properties.network_area ||
    String(f.id);

  /** The outline of an area layer, from styles.json (districts, network areas, localities, other). */
  const outlineStyle = (id) =>
    pathStyle(state.styles.outlines[id] || state.styles.outlines.other);

  async function outlineLayer(id) {
    const style = { ...outlineStyle(id), fill: false };
    if (tiled(id)) {
      // e.g. England's 33,755 LSOAs: drawn from the tiles, without labels
      return tileLayer(id, () => style, { pane: 'outlines', className: 'outline-tiles' });
    }
    const collection = await getFeatures(
      `/collections/${q(id)}/items?limit=10000&simplify=20&precision=5`,
    );
    return L.geoJSON(collection, {
      pane: 'outlines',
      interactive: false,
      style,
      onEachFeature(feature, layer) {
        if (id === 'districts') {
          // labels give the outlines a meaning without any basemap
          layer.bindTooltip(areaName(feature), {
            permanent: true,
            direction: 'center',
            className: 'area-label',
          });
        }
      },
    });
  }

  function drawPractices(collection) {
    state.practices = collection.features;
    const layer = L.geoJSON(collection, {
      pointToLayer: (feature, latlng) =>
        L.circleMarker(latlng, {
          pane: 'practices',
          className: 'practice',
          ...pathStyle(state.styles.practices),
          radius: state.styles.practices.radius,
          // a practice outside the study area gets a dashed outline
          dashArray: feature.properties.inside_study_area === false ? '2 2' : null,
        }),
      onEachFeature(feature, marker) {
        const p = feature.properties;
        state.markers.set(p.practice_code, marker);
        marker.on('add', () => marker.getElement().setAttribute('data-practice', p.practice_code));
        marker.bindTooltip(
          h(
            'div',
            {},
            h('strong', {}, p.practice_name),
            ` (${p.practice_code})`,
            h('br'),
            `${p.pcn_name} (${p.pcn_code})`,
            h('br'),
            `list size ${count(p.list_size)}`,
          ),
        );
        marker.on('click', () => {
          if (!state.placingSite) selectPractice(p.practice_code, { zoom: false });
        });
      },
    });
    groups.practices.addLayer(layer);
  }

  function drawCoverage({ gaps, overlaps }) {
    groups.gaps.clearLayers();
    groups.overlaps.clearLayers();
    const describe = (p, what) =>
      h(
        'div',
        {},
        h('strong', {}, what),
        h('br'),
        `${decimals(p.area_m2 / 1e6, 2)} km², ${count(p.population)} residents`,
      );
    groups.gaps.addLayer(
      L.geoJSON(gaps, {
        pane: 'coverage',
        style: pathStyle(state.styles.coverage.gaps),
        onEachFeature: (f, l) =>
          l.bindTooltip(describe(f.properties, `Gap ${f.properties.gap}: no catchment`), {
            sticky: true,
          }),
      }),
    );
    groups.overlaps.addLayer(
      L.geoJSON(overlaps, {
        pane: 'coverage',
        // overlaps are pairwise: where several PCNs overlap they stack, and the colour deepens
        style: pathStyle(state.styles.coverage.overlaps),
        onEachFeature: (f, l) =>
          l.bindTooltip(
            describe(
              f.properties,
              `Overlap of ${f.properties.pcn_code_a} and ${f.properties.pcn_code_b}`,
            ),
            { sticky: true },
          ),
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Layer toggles

  /**
   * The toggled layers: catchments, practices, the area layers the server has, gaps, overlaps and
   * the basemap when there is one. A layer is fetched the first time it is shown.
   */
  const KNOWN_AREAS = {
    districts: 'Districts',
    'network-areas': 'Network areas',
    localities: 'Localities',
  };
  // acronyms as they are written, not capitalised as words
  const AREA_ACRONYMS = { lsoas: 'LSOAs', msoas: 'MSOAs', icbs: 'ICBs', 'sub-icbs': 'Sub-ICBs' };

  /** The area layers the server has (districts, network areas, localities, others): their ids. */
  const areaLayerIds = (config) =>
    config.layers.filter(
      (id) =>
        id !== 'practices' &&
        !id.startsWith('catchments-') &&
        !id.startsWith('alignment-') &&
        !id.startsWith('coverage-'),
    );

  /** An area layer's name as the page writes it: "Network areas", "LSOAs". */
  const areaLayerLabel = (id) =>
    KNOWN_AREAS[id] ||
    AREA_ACRONYMS[id] ||
    id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');

  function layerDefinitions(config) {
    const areaLayers = areaLayerIds(config);
    const defs = [
      {
        id: 'catchments',
        label: 'Catchments',
        group: groups.catchments,
        on: true,
        swatch: 'catchments',
      },
      {
        id: 'practices',
        label: 'Practices',
        group: groups.practices,
        on: true,
        swatch: 'practice',
      },
    ];
    for (const id of areaLayers) {
      // the standard layers are shown at start; others (e.g. LSOAs) can be many: off until asked
      const group = L.featureGroup();
      defs.push({
        id,
        label: `${areaLayerLabel(id)} (outlines)`,
        group,
        on: id in KNOWN_AREAS,
        swatch: `outline-${id in state.styles.outlines ? id : 'other'}`,
        async load() {
          group.addLayer(await outlineLayer(id));
        },
      });
    }
    defs.push(
      { id: 'gaps', label: 'Coverage gaps', group: groups.gaps, on: true, swatch: 'gap' },
      {
        id: 'overlaps',
        label: 'Coverage overlaps',
        group: groups.overlaps,
        on: true,
        swatch: 'overlap',
      },
    );
    return defs;
  }

  // ---- the basemap: none (nothing leaves this server), the server's (--basemap-url), or
  // OpenStreetMap's standard tiles; the choice is kept in this browser ----

  const BASEMAP_KEY = 'pcn-atlas.basemap';

  function basemapChoices(config) {
    const choices = [{ id: 'none', label: 'None (no outside requests)' }];
    if (config.basemapUrl) {
      choices.push({
        id: 'server',
        label: "This server's basemap",
        url: config.basemapUrl,
        attribution: config.basemapAttribution || '',
      });
    }
    choices.push({
      id: 'osm',
      label: 'OpenStreetMap',
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution:
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    });
    return choices;
  }

  function renderBasemapChoice(config) {
    const choices = basemapChoices(config);
    const select = $('basemap');
    select.replaceChildren(...choices.map((c) => h('option', { value: c.id }, c.label)));
    let stored = null;
    try {
      stored = localStorage.getItem(BASEMAP_KEY);
    } catch (e) {
      stored = null; // storage refused: the default
    }
    const first = choices.some((c) => c.id === stored)
      ? stored
      : config.basemapUrl
        ? 'server'
        : 'none';
    const show = (id) => {
      state.basemap?.remove();
      state.basemap = null;
      const c = choices.find((x) => x.id === id);
      if (c?.url) {
        state.basemap = L.tileLayer(c.url, { attribution: c.attribution, maxZoom: 19 }).addTo(map);
      }
      mapEl.dataset.basemap = id;
    };
    select.value = first;
    show(first);
    select.addEventListener('change', () => {
      show(select.value);
      try {
        localStorage.setItem(BASEMAP_KEY, select.value);
      } catch (e) {
        // not kept: shown for this visit only
      }
    });
  }

  async function showLayer(def, on) {
    if (on) {
      if (def.load && !def.loaded) {
        def.loaded = def.load();
      }
      await def.loaded;
      map.addLayer(def.group);
    } else {
      map.removeLayer(def.group);
    }
    // outlines and markers keep their order whichever was switched on last (panes do that); the
    // selection and a scenario's catchments follow the catchments on and off
    outlineSelection();
    if (def.id === 'catchments') applyScenarioView();
  }

  function renderLayerToggles(defs) {
    const box = $('layers');
    box.replaceChildren(
      ...defs.map((def) => {
        const input = h('input', { type: 'checkbox', id: `layer-${def.id}`, checked: def.on });
        input.addEventListener('change', () => showLayer(def, input.checked).catch((e) => fail(e)));
        return h(
          'div',
          { class: 'toggle' },
          input,
          h(
            'label',
            { for: `layer-${def.id}` },
            h('span', { class: `swatch swatch-${def.swatch}`, 'aria-hidden': 'true' }),
            h('span', { id: `label-${def.id}` }, def.label),
            def.id === 'gaps' || def.id === 'overlaps'
              ? h('span', { class: 'muted', id: `count-${def.id}` })
              : null,
          ),
        );
      }),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Sidebar: legend, downloads, the PCN list

  function renderLegend() {
    const mode = state.scale;
    $('legend').replaceChildren(
      h(
        'div',
        { class: 'legend', dataset: { mode: state.colourBy } },
        h('p', { class: 'legend-title' }, mode.title),
        h(
          'ul',
          {},
          state.scale.items.map((item) =>
            h(
              'li',
              { class: 'legend-item' },
              h('span', {
                class: 'swatch',
                style: { background: item.colour },
                'aria-hidden': 'true',
              }),
              h('span', { class: 'legend-label' }, item.label),
              h(
                'span',
                { class: 'muted' },
                item.label === state.styles.unallocated.label
                  ? `${count(item.n)} area`
                  : plural(item.n, 'PCN', 'PCNs'),
              ),
            ),
          ),
        ),
        h('p', { class: 'legend-note' }, state.scale.note),
      ),
    );
  }

  function renderDownloads() {
    const m = q(method());
    const links = [
      [
        `/collections/catchments-${m}/items?limit=10000`,
        `catchments-${method()}.geojson`,
        `Catchments (${method()}), GeoJSON`,
      ],
      [`/analysis/pcns?f=csv&method=${m}`, `pcns-${method()}.csv`, 'PCN figures, CSV'],
      [
        `/analysis/alignment?f=csv&method=${m}`,
        `alignment-${method()}.csv`,
        'Alignment with areas, CSV',
      ],
      [
        `/analysis/coverage?f=csv&method=${m}`,
        `coverage-${method()}.csv`,
        'Gaps and overlaps, CSV',
      ],
    ];
    $('downloads').replaceChildren(
      ...links.map(([href, file, label]) =>
        h('li', {}, h('a', { class: 'button', href, download: file }, label)),
      ),
    );
  }

  function renderPcnList() {
    const networks = state.pcns.filter((f) => !isUnallocated(f.properties));
    const drawn = networks.filter(hasCatchment).length;
    const unallocated = networks.length < state.pcns.length ? ' + unallocated' : '';
    $('pcn-count').textContent =
      (drawn === networks.length ? `(${drawn}` : `(${networks.length}, ${drawn} drawn`) +
      `${unallocated})`;
    $('pcn-list').replaceChildren(
      ...state.pcns.map((f) => {
        const p = f.properties;
        const empty = !hasCatchment(f);
        return h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'pcn-button',
              dataset: { pcn: p.pcn_code },
              'aria-pressed': String(p.pcn_code === state.selected),
              onclick: () => selectPcn(p.pcn_code, { zoom: true }),
            },
            h('span', {
              class: `swatch${empty ? ' swatch-empty' : ''}`,
              style: { background: empty ? null : state.scale.colour(p) },
              'aria-hidden': 'true',
            }),
            h(
              'span',
              { class: 'pcn-name' },
              isUnallocated(p) ? 'Unallocated practices (no PCN)' : p.pcn_name,
            ),
            h('span', { class: 'pcn-code' }, p.pcn_code),
            empty ? h('span', { class: 'muted' }, ' no catchment') : null,
          ),
        );
      }),
    );
  }

  function markListSelection() {
    const list = $('pcn-list');
    let current = null;
    for (const button of list.querySelectorAll('button')) {
      const on = button.dataset.pcn === state.selected;
      button.setAttribute('aria-pressed', String(on));
      if (on) current = button;
    }
    // bring the selected PCN into the list's view, scrolling the list only (not the sidebar)
    if (current) {
      const top = current.offsetTop;
      if (top < list.scrollTop || top + current.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = top - list.clientHeight / 2;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Search: a PCN or a practice by code or name

  function renderSearchOptions() {
    const options = [];
    for (const f of state.pcns) {
      options.push(
        h('option', { value: `${f.properties.pcn_code} — ${f.properties.pcn_name}` }, 'PCN'),
      );
    }
    for (const f of state.practices) {
      const p = f.properties;
      options.push(
        h(
          'option',
          { value: `${p.practice_code} — ${p.practice_name}` },
          `practice in ${p.pcn_name}`,
        ),
      );
    }
    $('search-options').replaceChildren(...options);
  }

  /** What the text names: {kind: 'pcn'|'practice', code}, or null. Codes first, then names. */
  function find(text) {
    const wanted = text.split(' — ')[0].trim().toLowerCase();
    if (!wanted) return null;
    const pcns = state.pcns.map((f) => f.properties);
    const practices = state.practices.map((f) => f.properties);
    const pcnCode = pcns.find((p) => p.pcn_code.toLowerCase() === wanted);
    if (pcnCode) return { kind: 'pcn', code: pcnCode.pcn_code };
    const practiceCode = practices.find((p) => p.practice_code.toLowerCase() === wanted);
    if (practiceCode) return { kind: 'practice', code: practiceCode.practice_code };
    const full = text.trim().toLowerCase();
    for (const exact of [true, false]) {
      const matches = (name) =>
        exact ? name.toLowerCase() === full : name.toLowerCase().includes(full);
      const pcn = pcns.find((p) => matches(p.pcn_name));
      if (pcn) return { kind: 'pcn', code: pcn.pcn_code };
      const practice = practices.find((p) => matches(p.practice_name));
      if (practice) return { kind: 'practice', code: practice.practice_code };
    }
    return null;
  }

  function search(text) {
    const found = find(text);
    const status = $('search-status');
    if (!found) {
      status.textContent = text.trim() ? `No PCN or practice matches “${text.trim()}”.` : '';
      return;
    }
    const answer = found.kind === 'pcn' ? `PCN ${found.code}` : `Practice ${found.code}`;
    status.textContent = answer;
    // the panel says the rest; the answer goes after a moment so it hides nothing
    setTimeout(() => {
      if (status.textContent === answer) status.textContent = '';
    }, 4000);
    if (found.kind === 'pcn') selectPcn(found.code, { zoom: true });
    else selectPractice(found.code, { zoom: true });
  }

  // ---------------------------------------------------------------------------------------------
  // Selection and the panel

  function zoomToPcn(code, animate = true) {
    const path = state.paths.get(code);
    if (path) {
      const options = { padding: [24, 24], maxZoom: 13 };
      if (animate) map.flyToBounds(path.getBounds(), { ...options, duration: 0.5 });
      else map.fitBounds(path.getBounds(), { ...options, animate: false });
    }
  }

  async function selectPcn(code, { zoom = false, animate = true, practice = null } = {}) {
    const previous = state.selected;
    state.selected = code;
    await catchmentPath(code);
    if (state.selected !== code) return; // another selection while the outline came
    state.tiles?.restyle();
    state.selectedPractice = practice;
    for (const c of [previous, code]) {
      const path = state.paths.get(c);
      if (path) {
        path.setStyle(catchmentStyle(path.feature));
        path.getElement()?.classList.toggle('is-selected', c === code);
      }
    }
    state.paths.get(code)?.bringToFront();
    outlineSelection();
    highlightPractice(practice);
    markListSelection();
    writeHash();
    if (zoom) zoomToPcn(code, animate);
    await renderPanel();
  }

  function selectPractice(code, { zoom = true } = {}) {
    const feature = state.practices.find((f) => f.properties.practice_code === code);
    if (!feature) return;
    if (zoom) {
      const [lon, lat] = feature.geometry.coordinates;
      map.flyTo([lat, lon], Math.max(map.getZoom(), 13), { duration: 0.5 });
    }
    selectPcn(feature.properties.pcn_code, { practice: code });
    // with a scenario picked, the practice's changes are offered where it is
    if (state.scenario) {
      if (zoom) map.once('moveend', () => openPracticePopup(code));
      else openPracticePopup(code);
    }
  }

  function highlightPractice(code, { tooltip = true } = {}) {
    for (const [c, marker] of state.markers) {
      const on = c === code;
      const closed = marker.getElement()?.classList.contains('is-closed');
      marker.setStyle(
        on
          ? { radius: 8, weight: 3, fillColor: '#ffbf47' }
          : { radius: 4.5, weight: 1.2, fillColor: closed ? '#8a8a8a' : '#ffffff' },
      );
      marker.getElement()?.classList.toggle('is-selected', on);
      if (on && tooltip) {
        marker.bringToFront();
        marker.openTooltip();
      }
    }
  }

  function clearSelection() {
    const previous = state.selected;
    state.selected = null;
    state.selectedPractice = null;
    const path = state.paths.get(previous);
    if (path) {
      path.setStyle(catchmentStyle(path.feature));
      path.getElement()?.classList.remove('is-selected');
    }
    state.tiles?.restyle();
    outlineSelection();
    highlightPractice(null);
    markListSelection();
    writeHash();
    renderPanel();
  }

  /** The panel for the selected PCN under the current method, or the method's overview. */
  async function renderPanel() {
    const token = ++state.panelToken;
    const panel = $('panel');
    const code = state.selected;
    if (!code) {
      panel.removeAttribute('data-pcn');
      panel.replaceChildren(overview());
      drawSizeChart();
      return;
    }
    const key = `${method()}/${code}`;
    let doc = state.details.get(key);
    if (!doc) {
      panel.setAttribute('aria-busy', 'true');
      try {
        doc = await getJson(`/analysis/pcns/${q(code)}?method=${q(method())}`);
      } catch (e) {
        const only = scenarioFigures(code);
        if (token === state.panelToken && only) {
          const r = state.comparison.pcns.find((x) => x.pcn_code === code);
          panel.dataset.pcn = code;
          panel.replaceChildren(
            h(
              'div',
              { class: 'panel-body' },
              h('h2', { id: 'panel-title' }, r.pcn_name_after ?? r.pcn_name_before ?? code),
              h('p', { class: 'panel-code' }, 'PCN ', h('span', { id: 'panel-pcn-code' }, code)),
              only,
            ),
          );
          panel.removeAttribute('aria-busy');
          return;
        }
        if (token === state.panelToken) {
          panel.replaceChildren(
            h(
              'div',
              { class: 'panel-body' },
              h('h2', { id: 'panel-title' }, 'PCN details'),
              h('p', { class: 'error' }, e.message),
            ),
          );
          panel.removeAttribute('aria-busy');
        }
        return;
      }
      state.details.set(key, doc);
    }
    if (token !== state.panelToken) return; // a later selection has taken over
    panel.dataset.pcn = code;
    panel.dataset.method = method();
    panel.replaceChildren(pcnDetails(doc));
    panel.removeAttribute('aria-busy');
  }

  /**
   * Who lives in the catchment, when the analysis had unit attributes: Core20 share, mean score,
   * an age pyramid and the residents per IMD decile, each bar labelled with its figure so that
   * nothing is read from colour or length alone.
   */
  function profileDetails(f) {
    if (!('core20_share' in f) && !('share_65_plus' in f)) return null;
    const ages = Object.keys(f).filter((k) => /^age_\d/.test(k));
    const deciles = [...Array(10).keys()].map((i) => `imd_decile_${i + 1}`).filter((k) => k in f);
    const rows = [
      ['Core20 share (IMD deciles 1-2)', percent(f.core20_share)],
      ['Mean IMD 2025 score', decimals(f.imd_mean_score, 1)],
      ['Aged under 16', percent(f.share_under_16)],
      ['Aged 65 and over', percent(f.share_65_plus)],
    ].filter(([, v]) => v !== '—');
    const bandName = (k) => k.replace(/^age_/, '').replace('_plus', '+').replace('_', '–');
    return h(
      'section',
      { id: 'panel-profile', class: 'profile' },
      h('h3', {}, 'Who lives here (residents of the catchment)'),
      rows.length
        ? h(
            'dl',
            { class: 'figures' },
            rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
          )
        : null,
      ages.length ? bars('age-pyramid', 'Residents by age', ages.slice().reverse(), f, bandName) : null,
      deciles.length
        ? bars('decile-chart', 'Residents by national IMD decile (1 = most deprived)', deciles, f, (k) =>
            `decile ${k.replace('imd_decile_', '')}`,
          )
        : null,
    );
  }

  /** A bar chart of some figures, as a labelled list: label, bar, value (and its share). */
  function bars(id, title, keys, f, label) {
    const total = keys.reduce((a, k) => a + (f[k] || 0), 0);
    const max = Math.max(1, ...keys.map((k) => f[k] || 0));
    return h(
      'figure',
      { id, class: 'bars' },
      h('figcaption', {}, title),
      h(
        'ul',
        {},
        keys.map((k) =>
          h(
            'li',
            { dataset: { key: k } },
            h('span', { class: 'bar-label' }, label(k)),
            h(
              'span',
              { class: 'bar-track', 'aria-hidden': 'true' },
              h('span', { class: 'bar', style: { width: `${(100 * (f[k] || 0)) / max}%` } }),
            ),
            h(
              'span',
              { class: 'bar-value' },
              `${count(Math.round(f[k] || 0))}${total > 0 ? ` (${percent((f[k] || 0) / total)})` : ''}`,
            ),
          ),
        ),
      ),
    );
  }

  function pcnDetails(doc) {
    const m = doc.methods.find((x) => x.method === method()) || doc.methods[0];
    const f = m.figures || {};
    const drawn = state.pcns.some((f) => f.properties.pcn_code === doc.pcn_code && hasCatchment(f));
    const figures = [
      ['Registered list', count(f.registered_list)],
      ['Size band', f.size_band],
      ['Resident population', count(f.resident_population)],
      ['Residents per registered patient', decimals(f.resident_per_registered, 2)],
      ['Catchment area', `${decimals(f.area_km2, 1)} km²`],
      [
        'Dominant district',
        f.dominant_district_code
          ? `${f.dominant_district_name} (${f.dominant_district_code})`
          : '—',
      ],
      ['Residents in it', percent(f.dominant_district_share)],
      ['Districts with 5% or more of residents', count(f.districts_over_5pct)],
      ['Straddles districts', yesNo(f.straddles)],
      ['Network area', f.network_area || '—'],
      ['Within one network area', yesNo(f.within_one_network_area)],
      ['Population counted by', f.population_source],
    ];
    const byLayer = new Map();
    for (const row of m.alignment) {
      if (!byLayer.has(row.area_layer)) byLayer.set(row.area_layer, []);
      byLayer.get(row.area_layer).push(row);
    }
    const layerTitle = {
      districts: 'District shares',
      'network-areas': 'Network area shares',
      localities: 'Locality shares',
    };
    return h(
      'div',
      { class: 'pcn-details' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'panel-title' }, doc.pcn_name),
        h(
          'p',
          { class: 'panel-code' },
          'PCN ',
          h('span', { id: 'panel-pcn-code' }, doc.pcn_code),
          ' · method ',
          h('span', { id: 'panel-method' }, m.method),
        ),
        h(
          'div',
          { class: 'panel-actions' },
          h(
            'button',
            {
              type: 'button',
              id: 'panel-zoom',
              disabled: !drawn,
              onclick: () => zoomToPcn(doc.pcn_code),
            },
            'Zoom to catchment',
          ),
          h(
            'button',
            { type: 'button', id: 'panel-close', onclick: clearSelection },
            'Clear selection',
          ),
        ),
      ),
      h(
        'div',
        { class: 'panel-body' },
        drawn
          ? null
          : h(
              'p',
              { class: 'notice' },
              `The ${m.method} method gives this PCN no catchment (no area), so it has no residents or area shares${f.catchment_note ? `: ${f.catchment_note.replace(/^no catchment: /, '')}` : ''}.`,
            ),
        scenarioFigures(doc.pcn_code),
        h('h3', {}, scenarioShown() ? 'Baseline figures' : 'Figures'),
        h(
          'dl',
          { class: 'figures' },
          figures.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]),
        ),
        profileDetails(f),
        h(
          'h3',
          {},
          `Member practices (${doc.practices.length}${scenarioShown() ? ', baseline' : ''})`,
        ),
        table(
          ['Code', 'Practice', 'List size'],
          doc.practices.map((p) => ({
            attrs: {
              dataset: { practice: p.practice_code },
              class: p.practice_code === state.selectedPractice ? 'is-selected' : null,
            },
            cells: [
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () => selectPractice(p.practice_code),
                  title: 'Show on the map',
                },
                p.practice_code,
              ),
              p.inside_study_area === false
                ? `${p.practice_name} (outside the study area)`
                : p.practice_name,
              count(p.list_size),
            ],
          })),
          [2],
        ),
        [...byLayer].map(([layer, rows]) => [
          h('h3', {}, layerTitle[layer] || `${layer} shares`),
          table(
            ['Area', 'Residents', 'Share of residents', 'Share of area'],
            rows
              .slice()
              .sort(
                (a, b) =>
                  (b.share_of_pcn_population ?? 0) - (a.share_of_pcn_population ?? 0) ||
                  b.share_of_pcn_area - a.share_of_pcn_area,
              )
              .map((r) => ({
                attrs: { dataset: { area: r.area_code } },
                cells: [
                  r.area_name && r.area_name !== r.area_code
                    ? `${r.area_name} (${r.area_code})`
                    : r.area_code,
                  count(r.population),
                  shareBar(r.share_of_pcn_population),
                  percent(r.share_of_pcn_area),
                ],
              })),
            [1, 2, 3],
          ),
        ]),
      ),
    );
  }

  /** What a comparison row's `changed` list says, in words: "registered list, catchment area". */
  const FIGURE_WORDS = {
    pcn_name: 'name',
    practices: 'practices',
    registered_list: 'registered list',
    resident_population: 'residents',
    size_band: 'size band',
    dominant_district: 'dominant district',
    dominant_district_share: 'share in the dominant district',
    straddles: 'straddling',
    area_km2: 'catchment area',
    core20_share: 'Core20 share',
    share_65_plus: 'share aged 65+',
    imd_mean_score: 'mean IMD score',
  };

  function whatChanged(r) {
    if (r.status === 'new') return 'a PCN the scenario makes';
    if (r.status === 'removed') return 'a PCN the scenario removes';
    return (r.changed || '')
      .split(';')
      .filter((x) => x)
      .map((x) => FIGURE_WORDS[x] || x.replace(/_/g, ' '))
      .join(', ');
  }

  /**
   * The PCN's figures under the scenario shown, with the baseline's beside them (from the
   * comparison, so they are the table's figures), or nothing when no scenario is shown.
   */
  function scenarioFigures(code) {
    if (!scenarioShown() || !state.comparison) return null;
    const r = state.comparison.pcns.find((x) => x.pcn_code === code);
    if (!r) return null;
    const districts = new Map(
      state.comparison.districts.map((d) => [d.district_code, d.district_name]),
    );
    const district = (c) => (c == null ? '—' : districts.get(c) || c);
    const rows = [
      ['practices', 'Practices', count],
      ['registered_list', 'Registered list', count],
      ['size_band', 'Size band', (v) => v ?? '—'],
      ['resident_population', 'Resident population', count],
      ['area_km2', 'Catchment area', (v) => (v == null ? '—' : `${decimals(v, 1)} km²`)],
      ['dominant_district', 'Dominant district', district],
      ['dominant_district_share', 'Residents in it', percent],
      ['straddles', 'Straddles districts', yesNo],
    ];
    return h(
      'section',
      {
        id: 'panel-scenario',
        class: 'panel-scenario',
        dataset: { status: r.status },
        'aria-labelledby': 'panel-scenario-title',
      },
      h('h3', { id: 'panel-scenario-title' }, `Scenario “${state.scenario.name}” and baseline`),
      h(
        'p',
        { class: 'hint' },
        r.status === 'unchanged'
          ? 'The scenario leaves this PCN as it is.'
          : `The scenario changes its ${whatChanged(r)}. The figures further down are the baseline's.`,
      ),
      h(
        'table',
        { class: 'scenario-figures' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Figure'),
            h('th', { scope: 'col', class: 'num' }, 'Scenario'),
            h('th', { scope: 'col', class: 'num' }, 'Baseline'),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map(([key, label, show]) => {
            const before = r[`${key}_before`];
            const after = r[`${key}_after`];
            return h(
              'tr',
              { dataset: { figure: key }, class: before !== after ? 'diff-changed' : null },
              h('th', { scope: 'row' }, label),
              h('td', { class: 'num scenario' }, show(after)),
              h('td', { class: 'num baseline' }, show(before)),
            );
          }),
        ),
      ),
    );
  }

  /** A share as text with a bar behind it. */
  function shareBar(share) {
    return h(
      'span',
      { class: 'share' },
      h('span', {
        class: 'share-bar',
        style: { width: `${Math.round((share || 0) * 100)}%` },
        'aria-hidden': 'true',
      }),
      h('span', { class: 'share-text' }, percent(share)),
    );
  }

  function table(headers, rows, numeric = []) {
    return h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((t, i) =>
            h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            row.attrs,
            row.cells.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c)),
          ),
        ),
      ),
    );
  }

  /** The panel with nothing selected: how to use it and the current method's totals. */
  function overview() {
    const networks = state.pcns.filter((f) => !isUnallocated(f.properties));
    const unallocated = state.pcns.find((f) => isUnallocated(f.properties));
    const drawn = networks.filter(hasCatchment);
    const straddling = drawn.filter((f) => f.properties.straddles).length;
    const coverage = state.coverage.get(method());
    return h(
      'div',
      { class: 'panel-body' },
      h('h2', { id: 'panel-title' }, 'PCN details'),
      h(
        'p',
        {},
        'Click a catchment on the map, choose a PCN from the list, or search by name or code to see its figures, its member practices and how its residents are shared between districts.',
      ),
      h('h3', {}, `The ${method()} catchments`),
      h(
        'dl',
        { class: 'figures' },
        h('dt', {}, 'PCNs'),
        h('dd', { id: 'overview-pcns' }, count(networks.length)),
        unallocated
          ? [
              h('dt', {}, 'Unallocated practices (no PCN)'),
              h(
                'dd',
                { id: 'overview-unallocated' },
                `${count(unallocated.properties.practices)}, list ${count(unallocated.properties.registered_list)}`,
              ),
            ]
          : null,
        h('dt', {}, 'With a catchment'),
        h('dd', {}, count(drawn.length)),
        h('dt', {}, 'Straddling districts'),
        h('dd', {}, count(straddling)),
        h('dt', {}, 'Coverage gaps'),
        h('dd', {}, coverage ? count(coverage.gaps.features.length) : '—'),
        h('dt', {}, 'Coverage overlaps'),
        h('dd', {}, coverage ? count(coverage.overlaps.features.length) : '—'),
      ),
      h('h3', { id: 'chart-sizes-title' }, 'Registered list against the size band'),
      h('div', {
        id: 'chart-sizes',
        class: 'chart',
        role: 'img',
        'aria-labelledby': 'chart-sizes-title',
      }),
      straddlingTable(drawn),
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Charts (Apache ECharts, from its WebJar) and the straddling table

  const charts = new Map(); // element id -> its ECharts instance

  /** An ECharts chart in the element (SVG, so it prints sharp); the previous one there goes. */
  function chart(id, option, height) {
    const el = $(id);
    if (!el || typeof echarts === 'undefined') return null;
    charts.get(id)?.dispose();
    el.style.height = `${height}px`;
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption({ animation: false, aria: { enabled: true }, textStyle: { fontFamily: 'inherit' }, ...option });
    charts.set(id, c);
    return c;
  }

  const thousands = (v) => (v >= 1000 ? `${Math.round(v / 1000)}k` : String(v));

  /** The band's shading, as a mark area on the registered list axis. */
  function bandArea(axis) {
    const { lower, upper } = state.config.sizeBand;
    const at = (v) => (axis === 'x' ? { xAxis: v } : { yAxis: v });
    return {
      silent: true,
      itemStyle: { color: 'rgba(0, 94, 184, 0.10)' },
      label: { show: true, position: 'insideTop', color: '#425563', fontSize: 10, formatter: 'size band' },
      data: [[at(lower), at(upper)]],
    };
  }

  /**
   * Each network's registered list as a bar coloured by its size band, the band shaded, most first;
   * a click selects the PCN. Over 60 networks (a region, England): how many fall in each 2,500 of
   * list size, the band shaded, so the shape of the whole shows.
   */
  function drawSizeChart() {
    const networks = state.pcns
      .map((f) => f.properties)
      .filter((p) => !isUnallocated(p) && p.registered_list != null)
      .sort((a, b) => b.registered_list - a.registered_list);
    const band = state.scales['size-band'];
    const colourOf = (p) => ruleColour(band.rule, p) ?? band.noData;
    const { lower, upper } = state.config.sizeBand;
    if (networks.length <= 60) {
      const c = chart(
        'chart-sizes',
        {
          grid: { left: 8, right: 16, top: 20, bottom: 24, containLabel: true },
          tooltip: { trigger: 'item', valueFormatter: count },
          xAxis: { type: 'value', axisLabel: { formatter: thousands } },
          yAxis: {
            type: 'category',
            inverse: true,
            data: networks.map((p) => p.pcn_name),
            axisLabel: { width: 130, overflow: 'truncate', fontSize: 10 },
          },
          series: [
            {
              type: 'bar',
              name: 'Registered list',
              data: networks.map((p) => ({
                value: p.registered_list,
                pcn: p.pcn_code,
                itemStyle: { color: colourOf(p) },
              })),
              markArea: bandArea('x'),
            },
          ],
        },
        networks.length * 16 + 50,
      );
      c?.on('click', (e) => e.data?.pcn && selectPcn(e.data.pcn, { zoom: true }));
      if (c) $('chart-sizes').dataset.pcns = networks.map((p) => p.pcn_code).join(',');
      return;
    }
    const step = 2500;
    const top = Math.max(upper * 1.5, ...networks.map((p) => p.registered_list));
    const bins = [];
    for (let from = 0; from < top; from += step) bins.push({ from, n: 0 });
    for (const p of networks) bins[Math.min(bins.length - 1, Math.floor(p.registered_list / step))].n++;
    chart(
      'chart-sizes',
      {
        grid: { left: 8, right: 16, top: 20, bottom: 24, containLabel: true },
        tooltip: { trigger: 'item' },
        xAxis: { type: 'category', data: bins.map((b) => thousands(b.from)), name: 'list' },
        yAxis: { type: 'value', name: 'PCNs' },
        series: [
          {
            type: 'bar',
            name: 'PCNs',
            barCategoryGap: '10%',
            data: bins.map((b) => ({
              value: b.n,
              itemStyle: {
                color: colourOf({ size_band: bandOf(b.from + step / 2, lower, upper) }),
              },
            })),
            markArea: {
              ...bandArea('x'),
              data: [[{ xAxis: thousands(lower) }, { xAxis: thousands(upper - step) }]],
            },
          },
        ],
      },
      220,
    );
  }

  /** The size band's label for a list size, as the server names bands (model.SizeBands). */
  function bandOf(list, lower, upper) {
    const label = (n) => (n % 1000 === 0 ? `${n / 1000}k` : String(n));
    if (list < lower) return `under-${label(lower)}`;
    return list <= upper ? `${label(lower)}-${label(upper)}` : `over-${label(upper)}`;
  }

  /** How the straddling table is sorted: a column and a direction; kept between redraws. */
  const straddleSort = { key: 'dominant_district_share', up: true };

  /**
   * The PCNs that straddle districts, ranked by the share of residents in the dominant one
   * (lowest first: the worst aligned); each column sorts, and a row selects its PCN.
   */
  function straddlingTable(drawn) {
    const rows = drawn.map((f) => f.properties).filter((p) => p.straddles);
    const columns = [
      ['pcn_name', 'PCN', (p) => p.pcn_name],
      ['dominant_district_name', 'Dominant district', (p) => p.dominant_district_name ?? '—'],
      ['dominant_district_share', 'Residents in it', (p) => percent(p.dominant_district_share)],
      ['districts_over_5pct', 'Districts ≥ 5%', (p) => count(p.districts_over_5pct)],
      ['registered_list', 'List', (p) => count(p.registered_list)],
    ];
    const { key, up } = straddleSort;
    rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      const c = typeof x === 'string' ? x.localeCompare(y, 'en-GB') : (x ?? -1) - (y ?? -1);
      return (up ? c : -c) || a.pcn_code.localeCompare(b.pcn_code);
    });
    const box = h('section', { id: 'straddling', 'aria-labelledby': 'straddling-title' });
    const redraw = () => box.replaceWith(straddlingTable(drawn));
    box.append(
      h('h3', { id: 'straddling-title' }, `PCNs straddling districts (${rows.length})`),
      rows.length === 0
        ? h('p', { class: 'muted' }, 'No PCN has 5% or more of its residents in a second district.')
        : h(
            'div',
            { class: 'table-scroll' },
            h(
              'table',
              { id: 'straddling-table', class: 'sortable' },
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  columns.map(([k, title], i) =>
                    h(
                      'th',
                      {
                        scope: 'col',
                        class: i >= 2 ? 'num' : null,
                        'aria-sort': k === key ? (up ? 'ascending' : 'descending') : 'none',
                      },
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'sort',
                          dataset: { sort: k },
                          onclick: () => {
                            straddleSort.up = straddleSort.key === k ? !straddleSort.up : true;
                            straddleSort.key = k;
                            redraw();
                            box.ownerDocument.querySelector(`#straddling-table button[data-sort='${k}']`)?.focus();
                          },
                        },
                        title,
                        k === key ? h('span', { 'aria-hidden': 'true' }, up ? ' ▲' : ' ▼') : null,
                      ),
                    ),
                  ),
                ),
              ),
              h(
                'tbody',
                {},
                rows.map((p) =>
                  h(
                    'tr',
                    { dataset: { pcn: p.pcn_code } },
                    columns.map(([k, , show], i) =>
                      i === 0
                        ? h(
                            'th',
                            { scope: 'row' },
                            h(
                              'button',
                              {
                                type: 'button',
                                class: 'link',
                                onclick: () => selectPcn(p.pcn_code, { zoom: true }),
                              },
                              show(p),
                            ),
                          )
                        : h('td', { class: i >= 2 ? 'num' : null, dataset: { col: k, value: p[k] ?? '' } }, show(p)),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
    return box;
  }

  /** The scenario's changed PCNs: registered list before and after, the band shaded. */
  function drawScenarioChart() {
    const rows = state.comparison.pcns.filter((r) => r.status !== 'unchanged' && r.pcn_code !== UNALLOCATED);
    const el = $('scenario-chart');
    el.hidden = rows.length === 0;
    if (rows.length === 0) {
      charts.get('scenario-chart')?.dispose();
      charts.delete('scenario-chart');
      return;
    }
    chart(
      'scenario-chart',
      {
        legend: { top: 0, data: ['Baseline', 'Scenario'] },
        grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis', valueFormatter: count },
        xAxis: {
          type: 'category',
          data: rows.map((r) => r.pcn_name_after ?? r.pcn_name_before),
          axisLabel: { interval: 0, width: 90, overflow: 'truncate', fontSize: 10 },
        },
        yAxis: { type: 'value', axisLabel: { formatter: thousands } },
        series: [
          {
            type: 'bar',
            name: 'Baseline',
            itemStyle: { color: '#9aa5b1' },
            data: rows.map((r) => r.registered_list_before ?? 0),
            markArea: bandArea('y'),
          },
          {
            type: 'bar',
            name: 'Scenario',
            itemStyle: { color: '#005eb8' },
            data: rows.map((r) => r.registered_list_after ?? 0),
          },
        ],
      },
      180,
    );
    el.dataset.pcns = rows.map((r) => r.pcn_code).join(',');
  }

  // ---------------------------------------------------------------------------------------------
  // Method switching

  async function catchmentsOf(m) {
    if (!state.catchments.has(m)) {
      // simplified on the server as one coverage, so neighbours still share their edges
      const loading = getFeatures(
        `/collections/catchments-${q(m)}/items?limit=10000&simplify=20&precision=5`,
      );
      state.catchments.set(m, loading);
      loading.catch(() => state.catchments.delete(m)); // a later choice of the method tries again
    }
    return state.catchments.get(m);
  }

  /**
   * The PCNs a method gives no catchment (the map layer has no feature for them; the PCN table
   * lists them with the reason), as features without geometry, so the list and search still offer
   * them and their panel says why.
   */
  /**
   * Every PCN of a method as a feature without geometry, from the PCN table (its rows carry the
   * catchments' properties and, for a PCN with none, the reason). With the catchments drawn from
   * tiles, these are the list, the legend's counts and the search; `tiled` marks them so.
   */
  async function pcnRows(m) {
    if (!state.rows) state.rows = new Map();
    if (!state.rows.has(m)) {
      const loading = getJson(`/analysis/pcns?method=${q(m)}`).then((doc) =>
        doc.pcns.map((r) => ({
          type: 'Feature',
          id: r.pcn_code,
          properties: r,
          geometry: null,
          tiled: tiled(`catchments-${m}`),
        })),
      );
      state.rows.set(m, loading);
      loading.catch(() => state.rows.delete(m));
    }
    return state.rows.get(m);
  }

  async function coverageOf(m) {
    if (!state.coverage.has(m)) {
      const [gaps, overlaps] = await Promise.all([
        getFeatures(`/collections/coverage-gaps/items?method=${q(m)}&limit=10000&precision=5`),
        getFeatures(`/collections/coverage-overlaps/items?method=${q(m)}&limit=10000&precision=5`),
      ]);
      state.coverage.set(m, { gaps, overlaps });
    }
    return state.coverage.get(m);
  }

  async function showMethod(m) {
    const token = ++state.loadToken;
    setLoading('method', true);
    setStatus(`Loading the ${m} catchments…`);
    // a large layer (all England's catchments) is drawn from its tiles, its PCNs listed from the table
    const fromTiles = tiled(`catchments-${m}`);
    const [collection, coverage, rows, scales] = await Promise.all([
      fromTiles ? null : catchmentsOf(m),
      coverageOf(m),
      pcnRows(m),
      getJson(`/map/scales.json?method=${q(m)}`),
    ]);
    if (token !== state.loadToken) return; // a later choice has taken over
    state.method = m;
    state.scales = scales.scales;
    state.overlapping = coverage.overlaps.features.length > 0;
    const listed = fromTiles
      ? rows
      : collection.features.concat(rows.filter((f) => f.properties.catchment_note != null));
    state.pcns = listed
      .slice()
      .sort(
        (a, b) =>
          a.properties.pcn_name.localeCompare(b.properties.pcn_name, 'en-GB') ||
          a.properties.pcn_code.localeCompare(b.properties.pcn_code),
      );
    offerProfileModes();
    state.scale = currentScale();
    await drawCatchments(collection);
    if (token !== state.loadToken) return;
    drawCoverage(coverage);
    $('count-gaps').textContent = ` (${coverage.gaps.features.length})`;
    $('count-overlaps').textContent = ` (${coverage.overlaps.features.length})`;
    $('label-catchments').textContent = `Catchments (${m})`;
    renderLegend();
    renderPcnList();
    renderDownloads();
    renderSearchOptions();
    writeHash();
    await renderPanel();
    if (token !== state.loadToken) return;
    if (state.scenario) await showScenario(); // the scenario's catchments for this method
    if (token !== state.loadToken) return;
    mapEl.dataset.method = m;
    setLoading('method', false);
    setStatus('');
  }

  /** The bounds of the current method's catchments (from the collection's extent when tiled). */
  function catchmentBounds() {
    return state.tiles ? state.tiles.options.bounds : groups.catchments.getBounds();
  }

  function fail(error) {
    console.error(error);
    mapEl.dataset.state = 'error';
    setStatus(`The map could not load its data: ${error.message}`);
  }

  // ---------------------------------------------------------------------------------------------
  // The address keeps the view's choices: /map#method=voronoi&colour=population&pcn=U90003

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    return {
      method: params.get('method'),
      colour: params.get('colour'),
      pcn: params.get('pcn'),
      scenario: params.get('scenario'),
    };
  }

  function writeHash() {
    const params = new URLSearchParams();
    if (state.method) params.set('method', state.method);
    params.set('colour', state.colourBy);
    if (state.selected) params.set('pcn', state.selected);
    if (state.scenario) params.set('scenario', state.scenario.id);
    history.replaceState(null, '', `#${params}`);
  }

  // ---------------------------------------------------------------------------------------------
  // Scenarios (issue 5, item 4): shown only when the server has them (config.scenarios). Pick or
  // create a scenario, add changes by clicking (a practice: move or close it; the map: add a site;
  // the form: merge two PCNs), and see its catchments and the before/after table. Every write is
  // the whole change list, PUT with If-Match: the version this page read, so an edit made
  // meanwhile elsewhere is a 409 (the page reloads the scenario and says so), never lost.

  const TOKEN_KEY = 'pcn-atlas.write-token';

  /** An error answer of the API: its status, and its {code, description, field}. */
  class ApiProblem extends Error {
    constructor(status, body, fallback) {
      super((body && body.description) || fallback);
      this.status = status;
      this.code = body && body.code;
      this.field = body && body.field;
    }
  }

  /** A write to this server with the typed token; the answer's JSON, or an ApiProblem. */
  async function send(verb, url, body, headers = {}) {
    const token = sessionStorage.getItem(TOKEN_KEY) || '';
    const response = await fetch(url, {
      method: verb,
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body == null ? undefined : JSON.stringify(body),
    });
    let doc = null;
    try {
      doc = response.status === 204 ? null : await response.json();
    } catch (ignored) {
      // not JSON: the status line says it
    }
    if (!response.ok) {
      throw new ApiProblem(response.status, doc, `${response.status} ${response.statusText}`);
    }
    return doc;
  }

  /** Tells the user what happened: kind is 'ok', 'busy' or 'error'. */
  function scenarioStatus(text, kind = 'ok') {
    const el = $('scenario-status');
    el.textContent = text;
    el.dataset.kind = kind;
  }

  function scenarioProblem(e, doing) {
    const field = e.field ? ` (field: ${e.field})` : '';
    scenarioStatus(`${doing} failed: ${e.message}${field}`, 'error');
  }

  /** The page is loading while a method or a scenario is on its way ("loading"), else "ready". */
  function setLoading(kind, on) {
    if (on) state.loading.add(kind);
    else state.loading.delete(kind);
    if (mapEl.dataset.state !== 'error') {
      mapEl.dataset.state = state.loading.size > 0 ? 'loading' : 'ready';
    }
  }

  /**
   * The selected scenario's view of the practices and PCNs: each practice's PCN after its changes,
   * the practices it closes, the sites it adds and the PCNs (code -> name) it leaves.
   */
  function scenarioModel() {
    const pcnName = new Map(state.pcns.map((f) => [f.properties.pcn_code, f.properties.pcn_name]));
    const pcnOf = new Map(
      state.practices.map((f) => [f.properties.practice_code, f.properties.pcn_code]),
    );
    const closed = new Set();
    const added = [];
    for (const c of state.scenario ? state.scenario.changes : []) {
      if (c.type === 'move-practice') pcnOf.set(c.practice, c.toPcn);
      else if (c.type === 'close-practice') closed.add(c.practice);
      else if (c.type === 'add-site') {
        pcnOf.set(c.code, c.pcn);
        added.push(c);
      } else if (c.type === 'merge-pcns') {
        for (const [practice, pcn] of pcnOf) {
          if (c.pcns.includes(pcn)) pcnOf.set(practice, c.into.code);
        }
        c.pcns.forEach((p) => pcnName.delete(p));
        pcnName.set(c.into.code, c.into.name);
      } else if (c.type === 'split-pcn') {
        c.practices.forEach((p) => pcnOf.set(p, c.into.code));
        pcnName.set(c.into.code, c.into.name);
      }
    }
    return { pcnName, pcnOf, closed, added };
  }

  /** The PCNs of the scenario as options, by name; `except` is left out. */
  function pcnOptions(model, except = null) {
    return [...model.pcnName]
      .filter(([code]) => code !== except)
      .sort(([a, an], [b, bn]) => an.localeCompare(bn, 'en-GB') || a.localeCompare(b))
      .map(([code, name]) => h('option', { value: code }, `${name} (${code})`));
  }

  function describeChange(c) {
    const practiceName = (code) =>
      state.practices.find((f) => f.properties.practice_code === code)?.properties.practice_name;
    const named = (code) => (practiceName(code) ? `${code} (${practiceName(code)})` : code);
    switch (c.type) {
      case 'move-practice':
        return `Move ${named(c.practice)} to PCN ${c.toPcn}`;
      case 'close-practice':
        return `Close ${named(c.practice)}`;
      case 'merge-pcns':
        return `Merge ${c.pcns.join(' and ')} into ${c.into.code} (${c.into.name})`;
      case 'split-pcn':
        return `Split ${c.practices.map(named).join(', ')} from ${c.pcn} into ${c.into.code} (${c.into.name})`;
      case 'add-site':
        return `Add site ${c.code} (${c.name}) to PCN ${c.pcn}, list size ${count(c.listSize)}`;
      case 'regroup-network-areas':
        return `Regroup the network areas of ${plural(Object.keys(c.districts).length, 'district', 'districts')}`;
      default:
        return c.type;
    }
  }

  async function refreshScenarioList() {
    const doc = await getJson('/scenarios');
    state.scenarios = doc.scenarios;
    renderScenarioSelect();
  }

  function renderScenarioSelect() {
    const select = $('scenario-select');
    select.replaceChildren(
      h('option', { value: '' }, 'None: the baseline only'),
      ...state.scenarios.map((s) =>
        h('option', { value: s.id }, `${s.name} (${plural(s.change_count, 'change', 'changes')})`),
      ),
    );
    select.value = state.scenario ? state.scenario.id : '';
  }

  /** Keeps the picker's entry of a scenario in step with the scenario just read or written. */
  function rememberScenario(doc) {
    const summary = { ...doc, change_count: doc.changes.length };
    const i = state.scenarios.findIndex((s) => s.id === doc.id);
    if (i >= 0) state.scenarios[i] = summary;
    else state.scenarios.push(summary);
    renderScenarioSelect();
  }

  async function selectScenario(id) {
    stopPlacingSite();
    map.closePopup();
    if (!id) {
      clearScenario();
      return;
    }
    const token = ++state.scenarioToken;
    setLoading('scenario', true);
    try {
      const doc = await getJson(`/scenarios/${q(id)}`);
      if (token !== state.scenarioToken) return;
      state.scenario = doc;
      rememberScenario(doc);
      await showScenario();
    } catch (e) {
      if (token === state.scenarioToken) {
        scenarioStatus(`The scenario could not be read: ${e.message}`, 'error');
        setLoading('scenario', false);
      }
    }
  }

  function clearScenario() {
    state.scenarioToken++;
    state.scenario = null;
    state.comparison = null;
    state.scenarioFeatures = null;
    groups.scenario.clearLayers();
    groups.scenarioSites.clearLayers();
    map.removeLayer(groups.scenario);
    delete mapEl.dataset.scenario;
    delete mapEl.dataset.scenarioVersion;
    $('scenario-edit').hidden = true;
    $('scenario-results').hidden = true;
    $('scenario-select').value = '';
    restyleCatchments();
    restylePractices();
    renderPanel();
    writeHash();
    setLoading('scenario', false);
  }

  /** The scenario's catchments and comparison for the current method, drawn. */
  async function showScenario() {
    const s = state.scenario;
    if (!s) return;
    const token = ++state.scenarioToken;
    const m = method();
    setLoading('scenario', true);
    try {
      const key = `${s.id}@${s.version}/${m}`;
      const collection = `scenario-${s.id}-catchments-${m}`;
      // as large as the baseline's layer: drawn from tiles when the baseline's is
      const fromTiles = tiled(`catchments-${m}`);
      const [catchments, comparison] = await Promise.all([
        fromTiles
          ? null
          : getFeatures(`/collections/${q(collection)}/items?limit=10000&simplify=20&precision=5`),
        getJson(`/scenarios/${q(s.id)}/comparison?method=${q(m)}`),
      ]);
      if (token !== state.scenarioToken) return; // a later choice or write has taken over
      state.comparison = { key, ...comparison };
      state.changedPcns = new Set(
        comparison.pcns.filter((r) => r.status !== 'unchanged').map((r) => r.pcn_code),
      );
      if (catchments) drawScenario(catchments);
      else await drawScenarioTiles(collection);
      drawScenarioSites();
      renderComparison();
      drawScenarioChart();
      renderChanges();
      renderPanel();
      $('scenario-edit').hidden = false;
      $('scenario-results').hidden = false;
      $('scenario-select').value = s.id;
      mapEl.dataset.scenario = s.id;
      mapEl.dataset.scenarioVersion = s.version;
      writeHash();
      setLoading('scenario', false);
    } catch (e) {
      if (token !== state.scenarioToken) return;
      scenarioStatus(`The scenario's results could not be loaded: ${e.message}`, 'error');
      setLoading('scenario', false);
    }
  }

  function scenarioStyle(feature) {
    const p = feature.properties;
    const changed = state.changedPcns.has(p.pcn_code);
    const c = state.styles.catchments;
    return {
      ...pathStyle(changed ? state.styles.scenario.changed : c),
      fillColor: state.scale.colour(p),
      fillOpacity: state.overlapping ? c.overlappingFillOpacity : c.fillOpacity,
    };
  }

  /** Whether the scenario is drawn in place of the baseline's fills. */
  const scenarioShown = () => state.scenario != null && state.scenarioView;

  function drawScenario(collection) {
    state.scenarioFeatures = collection.features.filter(hasGeometry);
    groups.scenario.clearLayers();
    groups.scenario.addLayer(
      L.geoJSON(
        { type: 'FeatureCollection', features: collection.features.filter(hasGeometry) },
        {
          pane: 'scenario',
          className: 'catchment-scenario',
          interactive: false,
          style: scenarioStyle,
          onEachFeature(feature, path) {
            path.on('add', () =>
              path.getElement().setAttribute('data-pcn', feature.properties.pcn_code),
            );
          },
        },
      ),
    );
    applyScenarioView();
  }

  async function drawScenarioTiles(collection) {
    state.scenarioFeatures = null;
    const layer = await tileLayer(collection, (p) => scenarioStyle({ properties: p }), {
      pane: 'scenario',
      className: 'catchment-scenario-tiles',
    });
    groups.scenario.clearLayers();
    groups.scenario.addLayer(layer);
    applyScenarioView();
  }

  /** The scenario's catchments under the baseline's outlines, or the baseline alone. */
  function applyScenarioView() {
    if (scenarioShown() && map.hasLayer(groups.catchments)) map.addLayer(groups.scenario);
    else map.removeLayer(groups.scenario);
    restyleCatchments();
  }

  function restyleCatchments() {
    groups.catchments.eachLayer((layer) => layer.setStyle?.(catchmentStyle));
    groups.scenario.eachLayer((layer) => layer.setStyle?.(scenarioStyle));
    state.tiles?.restyle();
    groups.scenario.eachLayer((layer) => layer.restyle?.());
  }

  /** The sites the scenario adds, as square-ish markers; closed practices greyed. */
  function drawScenarioSites() {
    groups.scenarioSites.clearLayers();
    const model = scenarioModel();
    for (const site of model.added) {
      const marker = L.circleMarker([site.lat ?? 0, site.lon ?? 0], {
        pane: 'practices',
        className: 'site-added',
        radius: 6,
        color: '#1b1b1b',
        weight: 2,
        fillColor: '#00a499',
        fillOpacity: 1,
        interactive: true,
      });
      marker.bindTooltip(
        h(
          'div',
          {},
          h('strong', {}, site.name),
          ` (${site.code}), new site`,
          h('br'),
          `PCN ${site.pcn}, list size ${count(site.listSize)}`,
        ),
      );
      marker.on('add', () => marker.getElement().setAttribute('data-site', site.code));
      if (site.lat != null) groups.scenarioSites.addLayer(marker);
    }
    if (!map.hasLayer(groups.scenarioSites)) map.addLayer(groups.scenarioSites);
    restylePractices();
  }

  function restylePractices() {
    const closed = state.scenario ? scenarioModel().closed : new Set();
    for (const [code, marker] of state.markers) {
      marker.getElement()?.classList.toggle('is-closed', closed.has(code));
    }
    highlightPractice(state.selectedPractice, { tooltip: false });
  }

  // ---- the before/after table ----

  const signed = (n) => (n > 0 ? `+${count(n)}` : n < 0 ? `−${count(-n)}` : '0');

  /** A difference cell: the signed number, an arrow (so it is not colour alone) and a class. */
  function deltaCell(n, column) {
    const cls = n > 0 ? 'num diff-up' : n < 0 ? 'num diff-down' : 'num';
    return h(
      'td',
      { class: cls, dataset: { col: column, value: n ?? '' } },
      signed(n),
      n > 0 ? h('span', { 'aria-hidden': 'true' }, ' ▲') : null,
      n < 0 ? h('span', { 'aria-hidden': 'true' }, ' ▼') : null,
    );
  }

  /** A before → after cell, marked when the two differ. */
  function changeCell(before, after, column, show = (v) => v ?? '—') {
    const differs = before !== after;
    return h(
      'td',
      { class: differs ? 'diff-changed' : null, dataset: { col: column } },
      differs
        ? [
            h('span', { class: 'v' }, show(before)),
            h('span', { class: 'arrow' }, ' → '),
            h('strong', { class: 'v' }, show(after)),
          ]
        : h('span', { class: 'v' }, show(after)),
    );
  }

  function renderComparison() {
    const cmp = state.comparison;
    const all = $('scenario-all').checked;
    const rows = cmp.pcns.filter((r) => all || r.status !== 'unchanged');
    const s = state.scenario;
    $('scenario-results-title').textContent =
      `Before and after: ${s.name} (${cmp.method}, version ${s.version})`;
    const num = (v) => h('td', { class: 'num' }, count(v));
    const districtName = new Map(cmp.districts.map((d) => [d.district_code, d.district_name]));
    $('scenario-comparison').replaceChildren(
      h(
        'caption',
        { class: 'visually-hidden' },
        `Each PCN's figures before and after the scenario, ${cmp.method} catchments`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', rowspan: 2 }, 'PCN'),
          h('th', { scope: 'colgroup', colspan: 3, class: 'num group' }, 'Residents'),
          h('th', { scope: 'colgroup', colspan: 3, class: 'num group' }, 'Registered list'),
          h('th', { scope: 'col', rowspan: 2 }, 'Size band'),
          h('th', { scope: 'col', rowspan: 2 }, 'Dominant district'),
          h('th', { scope: 'col', rowspan: 2 }, 'Straddles'),
          h('th', { scope: 'col', rowspan: 2, class: 'num' }, 'Area (km²)'),
          h('th', { scope: 'col', rowspan: 2 }, 'What changed'),
        ),
        h(
          'tr',
          {},
          ['before', 'after', 'Δ', 'before', 'after', 'Δ'].map((t) =>
            h('th', { scope: 'col', class: 'num' }, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h(
              'tr',
              { class: 'empty' },
              h('td', { colspan: 12 }, 'No PCN changes: the scenario has no changes yet.'),
            )
          : rows.map((r) =>
              h(
                'tr',
                { dataset: { pcn: r.pcn_code, status: r.status }, class: `status-${r.status}` },
                h(
                  'th',
                  { scope: 'row' },
                  h('span', { class: 'pcn-name' }, r.pcn_name_after ?? r.pcn_name_before),
                  ' ',
                  h(
                    'span',
                    { class: 'v' },
                    h('span', { class: 'pcn-code' }, r.pcn_code),
                    r.status === 'unchanged'
                      ? null
                      : h('span', { class: `status status-${r.status}` }, r.status),
                  ),
                ),
                num(r.resident_population_before),
                num(r.resident_population_after),
                deltaCell(r.resident_population_change, 'resident_population_change'),
                num(r.registered_list_before),
                num(r.registered_list_after),
                deltaCell(r.registered_list_change, 'registered_list_change'),
                changeCell(r.size_band_before, r.size_band_after, 'size_band'),
                changeCell(
                  r.dominant_district_before,
                  r.dominant_district_after,
                  'dominant_district',
                  (code) => (code == null ? '—' : districtName.get(code) || code),
                ),
                changeCell(r.straddles_before, r.straddles_after, 'straddles', yesNo),
                changeCell(r.area_km2_before, r.area_km2_after, 'area_km2', (v) =>
                  v == null ? '—' : decimals(v, 1),
                ),
                h('td', { class: 'what-changed', dataset: { col: 'changed' } }, whatChanged(r)),
              ),
            ),
      ),
    );
    const moved = cmp.districts.filter((d) => d.gained.length > 0 || d.lost.length > 0);
    $('scenario-districts').replaceChildren(
      h('h3', {}, 'Districts: PCNs gained and lost'),
      moved.length === 0
        ? h('p', { class: 'muted' }, 'No district gains or loses a PCN.')
        : h(
            'ul',
            { class: 'district-changes' },
            moved.map((d) =>
              h(
                'li',
                { dataset: { district: d.district_code } },
                h('strong', {}, `${d.district_name} (${d.district_code})`),
                d.gained.length
                  ? h('span', { class: 'diff-up' }, ` gained + ${d.gained.join(', ')}`)
                  : null,
                d.lost.length
                  ? h('span', { class: 'diff-down' }, ` lost − ${d.lost.join(', ')}`)
                  : null,
              ),
            ),
          ),
    );
    const base = `/scenarios/${q(s.id)}/comparison?method=${q(cmp.method)}`;
    $('scenario-downloads').replaceChildren(
      h(
        'a',
        {
          class: 'button',
          id: 'scenario-csv',
          href: `${base}&f=csv`,
          download: `comparison-${s.id}-${cmp.method}.csv`,
        },
        'PCNs, CSV',
      ),
      h(
        'a',
        {
          class: 'button',
          href: `${base}&f=csv&table=districts`,
          download: `comparison-${s.id}-districts-${cmp.method}.csv`,
        },
        'Districts, CSV',
      ),
    );
  }

  // ---- the change list and the forms ----

  function renderChanges() {
    const changes = state.scenario.changes;
    $('scenario-change-count').textContent = `(${changes.length})`;
    $('scenario-changes').replaceChildren(
      ...changes.map((c, i) =>
        h(
          'li',
          { dataset: { type: c.type } },
          h('span', { class: 'change-text' }, describeChange(c)),
          h(
            'button',
            {
              type: 'button',
              class: 'remove',
              'aria-label': `Remove change ${i + 1}: ${describeChange(c)}`,
              title: 'Remove this change',
              onclick: () =>
                writeChanges(
                  changes.filter((_, j) => j !== i),
                  `Removed: ${describeChange(c)}`,
                ),
            },
            '×',
          ),
        ),
      ),
    );
    const model = scenarioModel();
    for (const id of ['site-pcn', 'merge-a', 'merge-b']) {
      const select = $(id);
      const value = select.value;
      // the unallocated practices (code U) are not a PCN: they cannot be merged
      select.replaceChildren(...pcnOptions(model, id === 'site-pcn' ? null : UNALLOCATED));
      if (value && model.pcnName.has(value)) select.value = value;
    }
    if (!$('merge-b').value || $('merge-b').value === $('merge-a').value) {
      $('merge-b').selectedIndex = Math.min(1, $('merge-b').options.length - 1);
    }
  }

  /** Without a typed token a write cannot succeed: say so rather than ask the server. */
  function haveToken() {
    if (sessionStorage.getItem(TOKEN_KEY)) return true;
    scenarioStatus('Type the write token first: writes need it.', 'error');
    $('scenario-token').focus();
    return false;
  }

  /** PUTs the scenario's whole change list with If-Match; true when it was saved. */
  async function writeChanges(changes, what) {
    const s = state.scenario;
    if (!s || !haveToken()) return false;
    scenarioStatus(`Saving: ${what}…`, 'busy');
    try {
      const doc = await send(
        'PUT',
        `/scenarios/${q(s.id)}/changes`,
        { changes },
        {
          'If-Match': `"v${s.version}"`,
        },
      );
      if (state.scenario?.id !== s.id) return false; // another scenario was picked meanwhile
      state.scenario = doc;
      rememberScenario(doc);
      map.closePopup();
      await showScenario();
      scenarioStatus(`${what}. Saved as version ${doc.version}.`);
      return true;
    } catch (e) {
      if (e instanceof ApiProblem && e.status === 409 && e.code === 'VersionConflict') {
        await selectScenario(s.id);
        scenarioStatus(
          `Not saved: someone else changed “${s.name}” meanwhile. It has been reloaded` +
            ` (now version ${state.scenario?.version ?? '?'}); check it and make your change again.`,
          'error',
        );
      } else {
        scenarioProblem(e, what);
      }
      return false;
    }
  }

  const appendChange = (change, what) =>
    writeChanges([...state.scenario.changes, change], what);

  async function createScenario(name) {
    if (!haveToken()) return;
    scenarioStatus(`Creating “${name}”…`, 'busy');
    try {
      const doc = await send('POST', '/scenarios', { name });
      $('scenario-name').value = '';
      state.scenario = doc;
      rememberScenario(doc);
      await showScenario();
      scenarioStatus(`Created “${doc.name}”. Click a practice to move or close it, or add a site.`);
    } catch (e) {
      scenarioProblem(e, `Creating “${name}”`);
    }
  }

  /** The popup of a clicked practice: move it to another PCN, or close it. */
  function openPracticePopup(code) {
    const marker = state.markers.get(code);
    const feature = state.practices.find((f) => f.properties.practice_code === code);
    if (!marker || !feature || !state.scenario) return;
    const model = scenarioModel();
    const pcn = model.pcnOf.get(code);
    const p = feature.properties;
    const head = h(
      'p',
      {},
      h('strong', {}, p.practice_name),
      ` (${code})`,
      h('br'),
      model.closed.has(code)
        ? 'Closed in this scenario.'
        : `PCN: ${model.pcnName.get(pcn) ?? pcn} (${pcn})`,
    );
    const select = h('select', { id: 'scenario-move-pcn' }, pcnOptions(model, pcn));
    const form = h(
      'form',
      {
        class: 'scenario-popup',
        'aria-label': `Change practice ${code} in the scenario`,
        onsubmit: (e) => {
          e.preventDefault();
          appendChange(
            { type: 'move-practice', practice: code, toPcn: select.value },
            `Moved ${code} to PCN ${select.value}`,
          );
        },
      },
      head,
      model.closed.has(code)
        ? h('p', { class: 'hint' }, 'Remove its change from the list to reopen it.')
        : [
            h('label', { for: 'scenario-move-pcn' }, 'Move to PCN'),
            select,
            h(
              'div',
              { class: 'row' },
              h('button', { type: 'submit', id: 'scenario-move' }, 'Move'),
              h(
                'button',
                {
                  type: 'button',
                  id: 'scenario-close-practice',
                  onclick: () =>
                    appendChange({ type: 'close-practice', practice: code }, `Closed ${code}`),
                },
                'Close practice',
              ),
            ),
          ],
    );
    marker.closeTooltip();
    L.popup({ className: 'practice-popup', maxWidth: 300, minWidth: 220, autoPanPadding: [20, 20] })
      .setLatLng(marker.getLatLng())
      .setContent(form)
      .openOn(map);
    select.focus({ preventScroll: true });
  }

  function startPlacingSite() {
    state.placingSite = true;
    $('scenario-site-form').hidden = false;
    $('scenario-add-site').setAttribute('aria-pressed', 'true');
    mapEl.classList.add('placing-site');
    scenarioStatus('Click the map where the new site is (or type its longitude and latitude).');
  }

  function stopPlacingSite(closeForm = false) {
    state.placingSite = false;
    mapEl.classList.remove('placing-site');
    $('scenario-add-site').setAttribute('aria-pressed', 'false');
    if (closeForm) {
      $('scenario-site-form').hidden = true;
      groups.newSite.clearLayers();
    }
  }

  /** Whether a code is free for a new site: no practice, and no site the scenario adds, has it. */
  function freeSiteCode(code, model) {
    const taken = (c) => c.toUpperCase() === code.toUpperCase();
    return ![...model.pcnOf.keys()].some(taken) && !model.added.some((a) => taken(a.code));
  }

  /** The first of SITE1, SITE2, … that is free. */
  function newSiteCode(model) {
    for (let i = 1; ; i++) {
      if (freeSiteCode(`SITE${i}`, model)) return `SITE${i}`;
    }
  }

  /** Whether a point lies in a GeoJSON Polygon or MultiPolygon (even-odd over all rings). */
  function contains(geometry, lng, lat) {
    if (!geometry) return false;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    let inside = false;
    for (const rings of polygons) {
      for (const ring of rings) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [xi, yi] = ring[i];
          const [xj, yj] = ring[j];
          if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) {
            inside = !inside;
          }
        }
      }
    }
    return inside;
  }

  /**
   * The PCN whose catchment holds a point: the scenario's when one is shown (a merge's new PCN),
   * else the baseline's, from the drawn polygons or, when tiled, the tiles' hit test.
   */
  function pcnAt(latlng) {
    if (scenarioShown() && state.scenarioFeatures) {
      const f = state.scenarioFeatures.find((x) => contains(x.geometry, latlng.lng, latlng.lat));
      if (f) return f.properties.pcn_code;
    }
    if (state.tiles) return state.tiles.featureAt(latlng)?.pcn_code ?? null;
    for (const [code, path] of state.paths) {
      if (contains(path.feature?.geometry, latlng.lng, latlng.lat)) return code;
    }
    return null;
  }

  function placeSite(latlng) {
    stopPlacingSite();
    const round = (v) => Math.round(v * 1e5) / 1e5;
    $('site-lon').value = round(latlng.lng);
    $('site-lat').value = round(latlng.lat);
    groups.newSite.clearLayers();
    groups.newSite.addLayer(
      L.circleMarker(latlng, {
        pane: 'practices',
        className: 'site-new',
        radius: 7,
        color: '#1b1b1b',
        weight: 2,
        dashArray: '3 2',
        fillColor: '#00a499',
        fillOpacity: 0.5,
        interactive: false,
      }),
    );
    const under = pcnAt(latlng);
    const model = scenarioModel();
    if (under && model.pcnName.has(under)) $('site-pcn').value = under;
    if (!$('site-code').value.trim() || !freeSiteCode($('site-code').value.trim(), model)) {
      $('site-code').value = newSiteCode(model);
    }
    if (!$('site-name').value.trim()) $('site-name').value = `New site ${$('site-code').value}`;
    scenarioStatus(
      under
        ? `Site placed in ${model.pcnName.get(under) ?? under}: check its code, name, PCN and list size, then add it.`
        : 'Site placed outside every catchment: choose its PCN, check its code and name, give its list size, then add it.',
    );
    $('site-code').focus();
  }

  /** The before/after drawer's height: dragged by its top edge, or with the arrow keys on it. */
  function listenResize() {
    const drawer = $('scenario-results');
    const handle = $('scenario-results-resize');
    const wrap = drawer.parentElement;
    const setHeight = (px) => {
      const max = wrap.clientHeight * 0.85;
      const height = Math.round(Math.max(60, Math.min(max, px)));
      drawer.classList.add('is-sized');
      drawer.style.height = `${height}px`;
      handle.setAttribute('aria-valuenow', String(Math.round((height / wrap.clientHeight) * 100)));
    };
    handle.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      const bottom = wrap.getBoundingClientRect().bottom;
      const move = (ev) => setHeight(bottom - ev.clientY);
      const up = () => {
        handle.removeEventListener('pointermove', move);
        handle.removeEventListener('pointerup', up);
      };
      handle.addEventListener('pointermove', move);
      handle.addEventListener('pointerup', up);
    });
    handle.addEventListener('keydown', (e) => {
      const step = e.shiftKey ? 96 : 24;
      if (e.key === 'ArrowUp') setHeight(drawer.offsetHeight + step);
      else if (e.key === 'ArrowDown') setHeight(drawer.offsetHeight - step);
      else return;
      e.preventDefault();
    });
  }

  function listenScenarios() {
    const tokenInput = $('scenario-token');
    tokenInput.value = sessionStorage.getItem(TOKEN_KEY) || '';
    const keepToken = () => {
      if (tokenInput.value) sessionStorage.setItem(TOKEN_KEY, tokenInput.value);
      else sessionStorage.removeItem(TOKEN_KEY);
    };
    tokenInput.addEventListener('input', keepToken);
    tokenInput.addEventListener('change', keepToken);
    $('scenario-token-form').addEventListener('submit', (e) => e.preventDefault());
    $('scenario-select').addEventListener('change', (e) => selectScenario(e.target.value));
    $('scenario-create-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const name = $('scenario-name').value.trim();
      if (name) createScenario(name);
    });
    $('scenario-show').addEventListener('change', (e) => {
      state.scenarioView = e.target.checked;
      applyScenarioView();
      renderPanel(); // the panel says which figures it shows
    });
    $('scenario-all').addEventListener('change', () => state.comparison && renderComparison());
    $('scenario-results-toggle').addEventListener('click', (e) => {
      const open = e.target.getAttribute('aria-expanded') !== 'true';
      e.target.setAttribute('aria-expanded', String(open));
      e.target.textContent = open ? 'Hide' : 'Show';
      $('scenario-results-body').hidden = !open;
    });
    listenResize();
    $('scenario-add-site').addEventListener('click', () =>
      state.placingSite ? stopPlacingSite(true) : startPlacingSite(),
    );
    $('site-cancel').addEventListener('click', () => {
      stopPlacingSite(true);
      scenarioStatus('');
    });
    $('scenario-site-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const change = {
        type: 'add-site',
        code: $('site-code').value.trim(),
        name: $('site-name').value.trim(),
        pcn: $('site-pcn').value,
        listSize: Number($('site-list-size').value),
        lon: Number($('site-lon').value),
        lat: Number($('site-lat').value),
      };
      if (await appendChange(change, `Added site ${change.code}`)) {
        e.target.reset();
        stopPlacingSite(true);
      }
    });
    $('scenario-merge-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const change = {
        type: 'merge-pcns',
        pcns: [$('merge-a').value, $('merge-b').value],
        into: { code: $('merge-code').value.trim(), name: $('merge-name').value.trim() },
      };
      if (await appendChange(change, `Merged ${change.pcns.join(' and ')}`)) e.target.reset();
    });
    map.on('click', (e) => {
      if (state.placingSite) placeSite(e.latlng);
    });
    // the table's bottom edge is the map's: Leaflet's scale and attribution sit above it
    new ResizeObserver(() =>
      mapEl.style.setProperty('--results-height', `${$('scenario-results').offsetHeight}px`),
    ).observe($('scenario-results'));
  }

  /** Shows the panel, lists the scenarios and picks the one the address names, if any. */
  async function startScenarios(wanted) {
    $('scenario-panel').hidden = false;
    listenScenarios();
    startProposals();
    try {
      await refreshScenarioList();
    } catch (e) {
      scenarioStatus(`The scenarios could not be listed: ${e.message}`, 'error');
      setLoading('scenario', false);
      return;
    }
    if (wanted && state.scenarios.some((s) => s.id === wanted)) {
      await selectScenario(wanted);
    } else {
      if (wanted) scenarioStatus(`There is no scenario “${wanted}” any more.`, 'error');
      setLoading('scenario', false);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Proposals (issue 14): the server searches for a configuration of the networks within a size
  // band, each inside one area of a layer (POST /proposals, with the scenarios' write token), in
  // the background. The page polls its progress; when done it shows the before and after totals
  // and the constraints not met, and opens the scenario the server stored, as if the planner had
  // picked it; "Accept" saves the proposal's changes as a scenario under a name of their own.

  const PROPOSE_POLL_MS = 300;
  /** The specification's fields the form has: the input of each, for the server's 422. */
  const PROPOSE_FIELDS = {
    'band.lower': 'propose-lower',
    'band.upper': 'propose-upper',
    'band.on': 'propose-on',
    layer: 'propose-layer',
    crossing: 'propose-crossing',
    maxMoves: 'propose-max-moves',
  };
  const fieldError = (input) => $(input.replace(/^propose-/, 'propose-error-'));
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Tells the planner how the proposal goes: kind is 'ok', 'busy' or 'error'. */
  function proposeStatus(text, kind = 'ok') {
    const el = $('propose-status');
    el.textContent = text;
    el.dataset.kind = kind;
  }

  function clearProposeErrors() {
    for (const input of Object.values(PROPOSE_FIELDS)) {
      $(input).removeAttribute('aria-invalid');
      const el = fieldError(input);
      el.textContent = '';
      el.hidden = true;
    }
  }

  /** A refused request: the server's description in the status line, and next to its field. */
  function proposeProblem(e, doing) {
    const input = e.field && PROPOSE_FIELDS[e.field];
    if (input) {
      const el = fieldError(input);
      el.textContent = e.message;
      el.hidden = false;
      $(input).setAttribute('aria-invalid', 'true');
    }
    const field = e.field && !input ? ` (field: ${e.field})` : '';
    proposeStatus(`${doing} failed: ${e.message}${field}`, 'error');
    if (input) $(input).focus();
  }

  /** The bar and, every tenth, the status line (a live region: not every poll is announced). */
  function showProposeProgress(doc) {
    $('propose-progress').value = doc.progress ?? 0;
    const text =
      doc.status === 'queued'
        ? 'Queued behind another proposal…'
        : `Searching… ${Math.floor((doc.progress ?? 0) * 10) * 10}%`;
    if ($('propose-status').textContent !== text) proposeStatus(text, 'busy');
  }

  /** Without the write token the server refuses: say so, and take the planner to it. */
  function haveProposeToken() {
    if (sessionStorage.getItem(TOKEN_KEY)) return true;
    proposeStatus('Type the write token under Scenarios first: a proposal needs it.', 'error');
    $('scenario-details').open = true;
    $('scenario-token').focus();
    return false;
  }

  /** The form as a specification of POST /proposals (max moves only when given). */
  function proposalSpec() {
    const spec = {
      band: {
        lower: Number($('propose-lower').value),
        upper: Number($('propose-upper').value),
        on: $('propose-on').value,
      },
      layer: $('propose-layer').value,
      crossing: $('propose-crossing').value,
    };
    const moves = $('propose-max-moves').value.trim();
    if (moves !== '') spec.maxMoves = Number(moves);
    return spec;
  }

  /** Lists the scenarios again and picks one, as the planner choosing it in the picker would. */
  async function openScenario(id) {
    await refreshScenarioList();
    $('scenario-select').value = id;
    await selectScenario(id);
    return state.scenario?.id === id && state.comparison != null;
  }

  async function runProposal() {
    if (state.proposing || !haveProposeToken()) return;
    clearProposeErrors();
    state.proposal = null;
    $('propose-summary').hidden = true;
    $('propose-accept-form').hidden = true;
    state.proposing = true;
    $('propose-run').disabled = true;
    const bar = $('propose-progress');
    bar.hidden = true;
    bar.value = 0;
    proposeStatus('Sending the specification…', 'busy');
    try {
      let doc;
      try {
        doc = await send('POST', '/proposals', proposalSpec());
      } catch (e) {
        proposeProblem(e, 'The proposal');
        return;
      }
      bar.hidden = false;
      try {
        while (doc.status === 'queued' || doc.status === 'running') {
          showProposeProgress(doc);
          await sleep(PROPOSE_POLL_MS);
          doc = await getJson(`/proposals/${q(doc.id)}`);
        }
      } catch (e) {
        proposeStatus(`The proposal's progress could not be read: ${e.message}`, 'error');
        return;
      }
      bar.value = doc.progress ?? 0;
      if (doc.status !== 'done') {
        proposeStatus(`The proposal failed: ${doc.error || 'the server gave no reason'}`, 'error');
        return;
      }
      state.proposal = doc;
      renderProposalSummary(doc);
      proposeStatus(`Opening the proposal's scenario “${doc.scenario.name}”…`, 'busy');
      let shown = false;
      try {
        shown = await openScenario(doc.scenario.id);
      } catch (e) {
        proposeStatus(`Done, but the scenarios could not be listed: ${e.message}`, 'error');
        return;
      }
      const r = doc.report;
      proposeStatus(
        shown
          ? `Done in ${decimals(r.seconds, 1)} s: ${plural(r.change_count, 'change', 'changes')}, ` +
              `shown as scenario “${doc.scenario.name}” on the map and in the before and after table.`
          : `Done, but its scenario “${doc.scenario.name}” could not be shown: see Scenarios.`,
        shown ? 'ok' : 'error',
      );
    } finally {
      state.proposing = false;
      $('propose-run').disabled = false;
    }
  }

  /** The proposal's totals before and after, the practices it moves, what it could not meet. */
  function renderProposalSummary(doc) {
    const r = doc.report;
    const figures = [
      ['networks', 'Networks', count],
      ['inBand', 'In the band', count],
      ['insideOneArea', 'Inside one area', count],
      ['contiguous', 'Contiguous', count],
      ['residentsOutside', 'Residents outside their main area', count],
    ];
    const box = $('propose-summary');
    box.dataset.proposal = doc.id;
    box.dataset.scenario = doc.scenario.id;
    box.replaceChildren(
      h('h3', { id: 'propose-summary-title' }, `Proposal “${r.name}”`),
      h(
        'table',
        { class: 'propose-figures' },
        h('caption', { class: 'visually-hidden' }, 'The proposal: totals before and after'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, 'Figure'),
            h('th', { scope: 'col', class: 'num' }, 'Before'),
            h('th', { scope: 'col', class: 'num' }, 'After'),
          ),
        ),
        h(
          'tbody',
          {},
          figures.map(([key, label, show]) =>
            h(
              'tr',
              { dataset: { figure: key } },
              h('th', { scope: 'row' }, label),
              h('td', { class: 'num before', dataset: { value: r.before[key] } }, show(r.before[key])),
              h('td', { class: 'num after', dataset: { value: r.after[key] } }, show(r.after[key])),
            ),
          ),
        ),
      ),
      h(
        'p',
        { id: 'propose-moved', dataset: { value: r.practices_moved } },
        'Practices moved: ',
        h('strong', {}, count(r.practices_moved)),
        ` (${plural(r.change_count, 'change', 'changes')})`,
      ),
      r.unmet.length === 0
        ? h('p', { id: 'propose-all-met' }, 'Every constraint is met.')
        : h(
            'div',
            {},
            h('h3', { id: 'propose-unmet-title' }, `Not met (${r.unmet.length})`),
            h(
              'ul',
              { id: 'propose-unmet', class: 'propose-unmet', 'aria-labelledby': 'propose-unmet-title' },
              r.unmet.map((u) =>
                h('li', { dataset: { constraint: u.constraint, subject: u.subject } }, u.reason),
              ),
            ),
          ),
    );
    box.hidden = false;
    $('propose-accept-name').placeholder = r.name;
    $('propose-accept-form').hidden = false;
  }

  /** The accepted scenario's description: what was asked, and what the proposal gives. */
  function proposalDescription(doc) {
    const r = doc.report;
    const s = doc.spec;
    const on = s.band.on === 'residents' ? 'residents' : 'registered patients';
    const moves = s.maxMoves == null ? '' : `, at most ${plural(s.maxMoves, 'move', 'moves')}`;
    return (
      `Accepted from proposal ${doc.id} (“${r.name}”): networks of ${count(s.band.lower)} to ` +
      `${count(s.band.upper)} ${on}, each inside one area of ${s.layer}, crossing ${s.crossing}` +
      `${moves}. Networks ${r.before.networks} → ${r.after.networks}; in the band ` +
      `${r.before.inBand} → ${r.after.inBand}; inside one area ${r.before.insideOneArea} → ` +
      `${r.after.insideOneArea}; ${plural(r.practices_moved, 'practice', 'practices')} moved.`
    );
  }

  async function acceptProposal() {
    const doc = state.proposal;
    if (!doc || !haveProposeToken()) return;
    const name = $('propose-accept-name').value.trim();
    if (!name) {
      proposeStatus('Give the scenario a name first.', 'error');
      $('propose-accept-name').focus();
      return;
    }
    $('propose-accept').disabled = true;
    proposeStatus(`Saving the proposal as “${name}”…`, 'busy');
    try {
      let created;
      try {
        created = await send('POST', '/scenarios', {
          name,
          description: proposalDescription(doc),
          changes: doc.changes,
        });
      } catch (e) {
        proposeProblem(e, `Saving “${name}”`);
        return;
      }
      $('propose-accept-name').value = '';
      let shown = false;
      try {
        shown = await openScenario(created.id);
      } catch (e) {
        proposeStatus(`Saved “${created.name}”, but the scenarios could not be listed: ${e.message}`, 'error');
        return;
      }
      proposeStatus(
        `Saved the proposal as scenario “${created.name}” ` +
          `(${plural(created.changes.length, 'change', 'changes')})` +
          (shown ? ': it is the scenario picked under Scenarios.' : ', but it could not be shown: see Scenarios.'),
        shown ? 'ok' : 'error',
      );
    } finally {
      $('propose-accept').disabled = false;
    }
  }

  /** Shows the panel: the band from the analysis's, the layers the server has. */
  function startProposals() {
    const band = state.config.sizeBand || { lower: 30000, upper: 50000 };
    $('propose-lower').value = band.lower;
    $('propose-upper').value = band.upper;
    const layers = areaLayerIds(state.config);
    const ids = ['districts', ...layers.filter((id) => id !== 'districts')];
    $('propose-layer').replaceChildren(
      ...ids.map((id) => h('option', { value: id }, areaLayerLabel(id))),
    );
    $('propose-layer').value = 'districts';
    $('propose-form').addEventListener('submit', (e) => {
      e.preventDefault();
      runProposal();
    });
    // a field the server refused is fixed by changing it
    for (const input of Object.values(PROPOSE_FIELDS)) {
      $(input).addEventListener('input', () => {
        $(input).removeAttribute('aria-invalid');
        fieldError(input).hidden = true;
      });
    }
    $('propose-accept-form').addEventListener('submit', (e) => {
      e.preventDefault();
      acceptProposal();
    });
    $('propose-panel').hidden = false;
  }

  // ---------------------------------------------------------------------------------------------
  // Start

  function listen() {
    const methodSelect = $('method');
    methodSelect.addEventListener('change', () => showMethod(methodSelect.value).catch(fail));
    $('colour-by').addEventListener('change', (e) => {
      state.colourBy = e.target.value;
      if (state.method) recolour(); // else the first method's catchments are still on their way
      writeHash();
    });
    const input = $('search');
    // "no match" stays until the planner does something else, then goes (it must not linger over
    // what they do next)
    for (const type of ['click', 'change']) {
      document.addEventListener(type, (e) => {
        if (!e.target.closest?.('#search-form')) $('search-status').textContent = '';
      });
    }
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      search(input.value);
    });
    input.addEventListener('input', (e) => {
      // choosing a suggestion from the list searches at once; typing clears the last answer
      if (e.inputType === 'insertReplacementText') search(input.value);
      else $('search-status').textContent = '';
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && state.placingSite) {
        stopPlacingSite();
        return;
      }
      if (e.key === 'Escape' && state.selected && !e.target.closest?.('input, select')) {
        clearSelection();
      }
    });
  }


  // ---------------------------------------------------------------------------------------------
  // Pictures: "Export PNG" asks the server's renderer (/map.png, the same styles.json) for the view
  // as it is (its box, the layers shown, the colour mode, the scenario); "Print" lays the page out
  // for paper: title, the map, its legend, scale bar, north arrow, date and the data's sources.

  /** The collections /map.png draws for the layers shown, bottom to top as the page stacks them. */
  function shownCollections() {
    const on = (id) => $(`layer-${id}`)?.checked;
    const ids = [];
    if (on('catchments')) ids.push(`catchments-${method()}`);
    if (on('gaps')) ids.push('coverage-gaps');
    if (on('overlaps')) ids.push('coverage-overlaps');
    for (const input of $('layers').querySelectorAll('input[type=checkbox]')) {
      const id = input.id.replace(/^layer-/, '');
      if (input.checked && !['catchments', 'practices', 'gaps', 'overlaps', 'basemap'].includes(id)) {
        ids.push(id);
      }
    }
    if (on('practices')) ids.push('practices');
    return ids;
  }

  /** A title for the picture: the method, the colour mode, the scenario when one is shown. */
  function pictureTitle() {
    const mode = state.styles.colourModes[state.colourBy];
    const methodTitle =
      state.config.methods.find((m) => m.id === method())?.title ?? method();
    return (
      `PCN catchments (${methodTitle}) by ${(mode?.title ?? state.colourBy).toLowerCase()}` +
      (scenarioShown() ? `, scenario “${state.scenario.name}”` : '')
    );
  }

  /** The address of /map.png for the view: twice the page's pixels, for a sharp picture. */
  function pngHref() {
    const b = map.getBounds();
    const size = map.getSize();
    const scale = Math.min(2, 4096 / Math.max(size.x, size.y));
    const params = new URLSearchParams({
      bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(6)).join(','),
      'bbox-crs': 'http://www.opengis.net/def/crs/OGC/1.3/CRS84',
      crs: 'http://www.opengis.net/def/crs/EPSG/0/3857', // drawn as the page draws it
      width: String(Math.max(1, Math.round(size.x * scale))),
      height: String(Math.max(1, Math.round(size.y * scale))),
      method: method(),
      'colour-by': state.colourBy,
      title: pictureTitle(),
      decorations: 'all',
    });
    const layers = shownCollections();
    if (layers.length > 0) params.set('layers', layers.join(','));
    if (scenarioShown()) params.set('scenario', state.scenario.id);
    return `/map.png?${params}`;
  }

  /** Fills the print layout's title, legend and sources for the current view. */
  function preparePrint() {
    const today = new Date().toISOString().slice(0, 10);
    $('print-title').textContent = pictureTitle();
    const selected = state.pcns.find((f) => f.properties.pcn_code === state.selected);
    $('print-subtitle').textContent =
      `Printed ${today}` + (selected ? ` · selected: ${selected.properties.pcn_name}` : '');
    const legend = $('legend').firstElementChild;
    $('print-legend').replaceChildren(legend ? legend.cloneNode(true) : '');
    const analysed = state.config.analysed ? state.config.analysed.slice(0, 10) : '—';
    const attribution = map.attributionControl.getContainer().textContent;
    $('print-sources').textContent =
      `${state.config.sources || 'data: not described'} · analysed ${analysed} · map by pcn-atlas` +
      (attribution ? ` · ${attribution}` : '');
    document.body.classList.add('printing');
    map.invalidateSize();
  }

  function listenPictures() {
    const link = $('export-png');
    // the view changes until the moment of the click: the address is made then
    const refresh = () => {
      link.href = pngHref();
      link.download = `pcn-map-${method()}-${state.colourBy}.png`;
    };
    link.addEventListener('click', refresh);
    link.addEventListener('focus', refresh);
    link.addEventListener('pointerenter', refresh);
    $('print-map').addEventListener('click', () => {
      preparePrint();
      window.print();
    });
    window.addEventListener('beforeprint', preparePrint);
    window.addEventListener('afterprint', () => {
      document.body.classList.remove('printing');
      map.invalidateSize();
    });
  }

  async function start() {
    const [config, styles] = await Promise.all([
      getJson('/map/config.json'),
      getJson('/map/styles.json'),
    ]);
    state.config = config;
    state.styles = styles;
    const wanted = readHash();
    const methodSelect = $('method');
    // the methods run, each with its title and what a catchment is under it (the registry)
    methodSelect.replaceChildren(
      ...config.methods.map((m) => h('option', { value: m.id, title: m.description }, m.title)),
    );
    const ids = config.methods.map((m) => m.id);
    const first = ids.includes(wanted.method) ? wanted.method : ids[0];
    methodSelect.value = first;
    if (wanted.colour in state.styles.colourModes) state.colourBy = wanted.colour;
    $('colour-by').value = state.colourBy;
    state.selected = wanted.pcn || null;

    // a scenario named in the address keeps the map loading until it is drawn too
    if (config.scenarios && wanted.scenario) state.loading.add('scenario');
    const defs = layerDefinitions(config);
    renderLayerToggles(defs);
    renderBasemapChoice(config);
    listen();
    listenTiles();
    listenPictures();

    // districts first: they frame the view; the rest in parallel
    const districts = defs.find((d) => d.id === 'districts');
    const [, practices] = await Promise.all([
      districts ? showLayer(districts, true) : null,
      getFeatures('/collections/practices/items?limit=10000&precision=5'),
    ]);
    drawPractices(practices);
    const frame = districts && !tiled('districts') ? districts.group.getBounds() : null;
    if (frame && frame.isValid()) map.fitBounds(frame, { padding: [8, 8] });
    else map.setView([52.5, -1.5], 6); // England, until the catchments give a better frame
    showZoom();
    for (const def of defs) {
      if (def.on && def !== districts) await showLayer(def, true);
    }
    await showMethod(first);
    if (!(frame && frame.isValid())) {
      const bounds = catchmentBounds();
      map.fitBounds(
        bounds.isValid()
          ? bounds
          : [
              [49.9, -6.4],
              [55.8, 1.8],
            ],
      );
    }
    if (state.selected) selectPcn(state.selected, { zoom: true, animate: false });
    if (config.scenarios) await startScenarios(wanted.scenario);
  }

  start().catch(fail);
})();
