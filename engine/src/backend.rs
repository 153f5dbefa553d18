//! The one place that names concrete burn devices. Everything else receives a `Device`.
//!
//! burn's `flex` CPU backend is the default. The deprecated `ndarray` backend is compiled in only
//! with the `ndarray` feature, so that the benchmark and the backend picker can show the
//! difference.

use burn::prelude::Device;
use serde::{Deserialize, Serialize};

/// A CPU backend of burn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Backend {
    #[default]
    Flex,
    NdArray,
}

impl Backend {
    pub const ALL: [Backend; 2] = [Backend::Flex, Backend::NdArray];

    pub fn key(self) -> &'static str {
        match self {
            Backend::Flex => "flex",
            Backend::NdArray => "ndarray",
        }
    }

    pub fn from_key(key: &str) -> Option<Backend> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }

    /// Whether this build contains the backend.
    pub fn is_available(self) -> bool {
        match self {
            Backend::Flex => true,
            Backend::NdArray => cfg!(feature = "ndarray"),
        }
    }

    /// The backends this build contains.
    pub fn available() -> Vec<Backend> {
        Self::ALL.into_iter().filter(|b| b.is_available()).collect()
    }

    /// An autodiff device for training, or `None` when the backend is not in this build.
    pub fn training_device(self) -> Option<Device> {
        self.inference_device().map(Device::autodiff)
    }

    /// A plain device for inference, or `None` when the backend is not in this build.
    pub fn inference_device(self) -> Option<Device> {
        match self {
            Backend::Flex => Some(Device::flex()),
            #[cfg(feature = "ndarray")]
            #[allow(deprecated)]
            Backend::NdArray => Some(Device::ndarray()),
            #[cfg(not(feature = "ndarray"))]
            Backend::NdArray => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flex_is_always_there() {
        assert!(Backend::available().contains(&Backend::Flex));
        assert!(Backend::Flex.training_device().is_some_and(|d| d.is_autodiff()));
        assert_eq!(Backend::NdArray.training_device().is_some(), cfg!(feature = "ndarray"));
        assert_eq!(Backend::from_key("ndarray"), Some(Backend::NdArray));
    }
}
