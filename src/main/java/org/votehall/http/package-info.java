/**
 * Vert.x Web routes per role, authentication, validation against the OpenAPI contract, error
 * mapping and live push. Filled by the issue "The hall server".
 */
package org.votehall.http;
