// Placeholder so that the library has a source until the layer gets code.
