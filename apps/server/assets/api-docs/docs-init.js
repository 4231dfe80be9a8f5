// Swagger UI for /api/openapi.json. A file, not an inline script, so the page keeps `script-src 'self'`.
/* global window, SwaggerUIBundle -- browser globals; SwaggerUIBundle comes from swagger-ui-bundle.js */
window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
