//! Themes.
use crate::config::Config;
#[derive(Clone, Debug, Default)]
pub struct Theme {}
impl Theme {
    pub fn from_config(_c: &Config) -> Theme {
        Theme {}
    }
}
