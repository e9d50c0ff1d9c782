/** The terminal simulator and load generator, on Vert.x Web Client. Filled by a later issue. */
package org.votehall.simulate;
