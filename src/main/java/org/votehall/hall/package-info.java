/**
 * The application service of a sitting: sessions, roster, attendance and the ballot lifecycle.
 * Filled by the issue "The hall server".
 */
package org.votehall.hall;
