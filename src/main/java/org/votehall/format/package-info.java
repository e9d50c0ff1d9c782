/**
 * The public JSON formats of docs/formats.md — ballot spec, marks, result — read into and written
 * from the {@code rules} records. Readers refuse malformed input with a message naming the field.
 */
package org.votehall.format;
