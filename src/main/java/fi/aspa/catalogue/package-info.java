/**
 * The service catalogue: what an organization offers (names, descriptions and user instructions in fi/sv/en),
 * to whom (target groups), at which turn of life (life events), through which channels, and who handles it (the
 * responsible unit, named responsible persons and subject experts). Imports and exports the Suomi.fi Service
 * Catalogue (PTV) shape; knows the Open311 service codes. Residents browse it at {@code /services}; staff ask
 * "who handles what?" at {@code /workspace/directory}; administrators import, export and edit it at
 * {@code /workspace/admin/catalogue}, and the organization's systems over {@code /api/v1/catalogue/services}. The
 * routing module classifies free text onto it.
 */
package fi.aspa.catalogue;
