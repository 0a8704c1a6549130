/**
 * Open311 GeoReport v2 under {@code /open311/v2/} (and {@code /open311/{organization}/v2/}): the organization's
 * services that have an Open311 code, service requests in and their public status out, JSON and XML, with the
 * 6Aika/CitySDK extensions Helsinki's feedback API uses (locale, title, media upload and media_urls,
 * updated_after/updated_before, extensions=true). A request is a case (channel OPEN311) opened in the service's
 * unit; this package keeps the location and client fields and the public status history beside it. Posting needs
 * the organization's Open311 API key (only its SHA-256 is stored; administrators manage the keys at
 * {@code /workspace/admin/open311}); reading is public, and shows only what the request made public: never the
 * resident's name or contact details.
 */
package fi.aspa.channels.open311;
