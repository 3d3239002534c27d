// Sorting search results by distance (used by docs/assets/search.js). The place to measure from is one of the
// directory's own cities (the facet index's `city_coordinates`) or the browser's location, asked for only when
// the user presses the button. Distances are computed here, over each provider's coordinates in the facet index:
// no map, no geocoding, no request to anyone, and the location is never stored or sent.
(function () {
  "use strict";
  var EARTH_KM = 6371.0088;  // mean radius

  function radians(degrees) { return degrees * Math.PI / 180; }

  // Great-circle distance in km (haversine): exact enough for "about 12 km" at any scale.
  function haversine(lat1, lon1, lat2, lon2) {
    var dLat = radians(lat2 - lat1), dLon = radians(lon2 - lon1);
    var a = Math.pow(Math.sin(dLat / 2), 2) +
      Math.cos(radians(lat1)) * Math.cos(radians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  // A provider with several places is as far as its nearest one; null when none has coordinates.
  function nearest(origin, flat) {
    var best = null;
    for (var k = 0; k + 1 < flat.length; k += 2) {
      var km = haversine(origin[0], origin[1], flat[k], flat[k + 1]);
      if (best === null || km < best) best = km;
    }
    return best;
  }

  function describe(km) {
    if (km === null) return "Not known (no mapped address)";
    if (km < 1) return "Less than 1 km";
    if (km < 10) return "About " + km.toFixed(1) + " km";
    return "About " + Math.round(km).toLocaleString("en") + " km";
  }

  var REFUSED = {
    1: "Your location was not shared (the browser or you refused). Choose a city from the list instead, or allow " +
       "location for this site in the browser's settings and try again.",
    2: "Your location is not available right now. Choose a city from the list instead.",
    3: "Finding your location took too long. Try again, or choose a city from the list."
  };

  // Wires the sort control `box` to the facet index `data`; `changed()` runs whenever the place changes.
  // Returns null (and hides the control) when no provider has coordinates.
  function control(box, data, changed) {
    var coordinates = data.coordinates || [];
    var select = box.querySelector("select"), locate = box.querySelector(".search-locate");
    var status = box.querySelector(".search-sort__status");
    var cities = (data.city_coordinates || []).map(function (point, i) { return point ? i : -1; })
      .filter(function (i) { return i >= 0; })
      .sort(function (a, b) { return data.cities[a].localeCompare(data.cities[b], "en"); });
    if (!coordinates.some(function (flat) { return flat.length; })) { box.hidden = true; return null; }
    cities.forEach(function (i) {
      var option = document.createElement("option");
      option.value = String(i);
      option.textContent = data.cities[i];
      select.appendChild(option);
    });
    var distances = null, label = "", here = null;

    function set(point, name) {
      label = name;
      distances = point ? coordinates.map(function (flat) { return nearest(point, flat); }) : null;
      changed();
    }
    select.addEventListener("change", function () {
      status.textContent = "";
      if (!select.value) set(null, "");
      else if (select.value === "here") set(here, "your location");
      else set(data.city_coordinates[+select.value], data.cities[+select.value]);
    });
    locate.addEventListener("click", function () {
      if (!navigator.geolocation) {
        status.textContent = "This browser cannot share its location. Choose a city from the list instead.";
        return;
      }
      status.textContent = "Asking the browser for your location…";
      locate.disabled = true;
      navigator.geolocation.getCurrentPosition(function (position) {
        locate.disabled = false;
        here = [position.coords.latitude, position.coords.longitude];
        if (!select.querySelector('option[value="here"]')) {
          var option = document.createElement("option");
          option.value = "here";
          option.textContent = "My location";
          select.insertBefore(option, select.options[1] || null);
        }
        select.value = "here";
        status.textContent = "Sorted by distance from your location, worked out on this page: it is not sent anywhere.";
        set(here, "your location");
      }, function (error) {
        locate.disabled = false;
        status.textContent = REFUSED[error.code] || REFUSED[2];
      }, { timeout: 15000, maximumAge: 300000 });
    });

    return {
      active: function () { return distances !== null; },
      label: function () { return label; },
      km: function (i) { return distances[i]; },
      // Nearest first; providers without coordinates last; ties keep the listing's order (by name).
      order: function (indices) {
        return indices.sort(function (a, b) {
          var da = distances[a], db = distances[b];
          if (da === null || db === null) return (da === null) - (db === null) || a - b;
          return da - db || a - b;
        });
      }
    };
  }

  window.ReferralDistance = { haversine: haversine, nearest: nearest, describe: describe, control: control };
})();
