/** Registers every element of @anquan/prescreen. */
import './prescreen/aq-prescreen.js';
