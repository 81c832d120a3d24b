// The planners' catchment map: catchments of one method over district outlines.
(async function () {
  const config = await (await fetch('/map/config.json')).json();
  const map = L.map('map', { zoomSnap: 0.25 });
  if (config.basemapUrl) {
    L.tileLayer(config.basemapUrl, { attribution: config.basemapAttribution || '' }).addTo(map);
  }
  const get = async (path) => (await fetch(path)).json();
  const districts = await get('/collections/districts/items?limit=10000');
  const outline = L.geoJSON(districts, { style: { color: '#333', weight: 2, fill: false } }).addTo(map);
  map.fitBounds(outline.getBounds());
  const method = config.methods[0];
  const catchments = await get('/collections/catchments-' + method + '/items?limit=10000&simplify=20');
  L.geoJSON(catchments, { style: { color: '#1f5fa8', weight: 1, fillOpacity: 0.3 } }).addTo(map);
})();
