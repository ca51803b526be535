//! Loader: to be written (see the module list in lib.rs).

use crate::{Collector, Input, SourceError};

/// Loads the files of one version into `out`.
pub fn load(inputs: &[Input], out: &mut Collector) -> Result<(), SourceError> {
    let _ = (inputs, out);
    Err(SourceError::Missing { detail: "loader not written yet".into() })
}
