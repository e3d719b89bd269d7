/**
 * The model catalog: which models exist and what each supports, with inference profile ids and ARNs
 * resolved to their base model.
 */
package dev.bedrock4j.core.catalog;
