/**
 * The James-free per-domain policy model: locality, encryption and signing modes, subject triggers.
 */
package org.smimegateway.policy;
