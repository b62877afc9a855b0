//! Text measurement.
