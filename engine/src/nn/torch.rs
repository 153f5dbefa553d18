//! The network as PyTorch sees it. [`Net::to_safetensors`] writes its parameters as a
//! safetensors file (written and read by Hugging Face's reference crate) under the names and
//! layouts of an `nn.Sequential` of the same layers: layer `i`'s `i.weight` and `i.bias`; a
//! dense layer's weight as `[out, in]`, PyTorch's `nn.Linear` layout (burn keeps `[in, out]`);
//! batch norm's γ and β as `weight` and `bias`, with its `running_mean` and `running_var`.
//! [`pytorch_code`] writes the lines that rebuild the network in PyTorch and load the file.
//! The file's metadata also carries the stack's input and text form, so this site can rebuild
//! the same network from the file alone.
//!
//! Batch norm's `num_batches_tracked` is not written: the engine does not count batches, and
//! PyTorch's `load_state_dict` fills it in when it is missing. Layers that `nn.Sequential`
//! cannot hold as one `torch.nn` module (branches, pyramid pooling, recurrent layers,
//! embeddings, "last step") are refused, naming the layer.

use std::collections::HashMap;
use std::fmt;

use burn::module::{Param, RunningState};
use burn::prelude::*;
use safetensors::tensor::TensorView;
use safetensors::{Dtype, SafeTensors};
use serde::{Deserialize, Serialize};

use super::{Layer, LayerModule, Net, Shape, Stack, StackError};

/// The metadata key of the stack's layers in the text form.
pub const LAYERS_KEY: &str = "dlnotes.layers";
/// The metadata key of the stack's input, `channels×height×width`.
pub const INPUT_KEY: &str = "dlnotes.input";

/// Why a network cannot be written for PyTorch, or a file cannot be loaded into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TorchError {
    /// Layer `layer` (0-based) has no single `torch.nn` module that `nn.Sequential` can hold.
    Unsupported { layer: usize, token: String },
    /// The bytes are not a safetensors file (what the reader said, in English, for logs: the
    /// page explains the refusal in its own words).
    NotSafetensors(String),
    /// A tensor the network needs is not in the file.
    Missing(String),
    /// A tensor in the file that the network does not have.
    Unexpected(String),
    /// A tensor of another shape than the network's (PyTorch's layout).
    Shape { name: String, expected: Vec<usize>, found: Vec<usize> },
    /// A tensor not stored as 32-bit floats.
    DType { name: String, found: String },
    /// The file's description of its network is not a network this engine can build.
    Stack(StackError),
    /// The file's network reads something other than a digit (its input, as `c×h×w`).
    Input(String),
    /// The file does not say which network it holds, and there is no network to load it into.
    NoNetwork,
}

impl fmt::Display for TorchError {
    /// English, for logs and tests; the app translates the typed value.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unsupported { layer, token } => write!(f, "layer {} ({token}) has no torch.nn module", layer + 1),
            Self::NotSafetensors(why) => write!(f, "not a safetensors file: {why}"),
            Self::Missing(name) => write!(f, "the file has no tensor {name}"),
            Self::Unexpected(name) => write!(f, "the network has no tensor {name}"),
            Self::Shape { name, expected, found } => write!(f, "{name} is {found:?}, the network needs {expected:?}"),
            Self::DType { name, found } => write!(f, "{name} is {found}, not F32"),
            Self::Stack(e) => write!(f, "the file's network cannot be built: {e}"),
            Self::Input(input) => write!(f, "the file's network reads {input}, not a digit"),
            Self::NoNetwork => write!(f, "the file does not say which network it holds"),
        }
    }
}

impl std::error::Error for TorchError {}

/// The `torch.nn` module of each layer, or the first layer that has none.
fn modules(stack: &Stack) -> Result<Vec<String>, TorchError> {
    let infos = stack.infer().map_err(TorchError::Stack)?;
    infos
        .iter()
        .enumerate()
        .map(|(i, info)| {
            let unsupported = || TorchError::Unsupported { layer: i, token: info.layer.kind_token().to_string() };
            Ok(match &info.layer {
                Layer::Conv(c) => {
                    let Shape::Volume { channels, .. } = info.input else { return Err(unsupported()) };
                    let mut s = format!("nn.Conv2d({channels}, {}, kernel_size={}", c.filters, c.kernel);
                    if c.stride != 1 {
                        s += &format!(", stride={}", c.stride);
                    }
                    if c.padding != 0 {
                        s += &format!(", padding={}", c.padding);
                    }
                    s + ")"
                }
                Layer::MaxPool(p) if p.stride == p.size => format!("nn.MaxPool2d({})", p.size),
                Layer::MaxPool(p) => format!("nn.MaxPool2d({}, stride={})", p.size, p.stride),
                Layer::AvgPool(p) if p.stride == p.size => format!("nn.AvgPool2d({})", p.size),
                Layer::AvgPool(p) => format!("nn.AvgPool2d({}, stride={})", p.size, p.stride),
                Layer::AdaptiveAvgPool(p) => format!("nn.AdaptiveAvgPool2d(({}, {}))", p.height, p.width),
                Layer::Flatten(_) => "nn.Flatten()".into(),
                Layer::Dense(d) => match info.input {
                    Shape::Flat(n) => format!("nn.Linear({n}, {})", d.units),
                    _ => return Err(unsupported()),
                },
                Layer::Dropout(d) => format!("nn.Dropout({})", d.p),
                Layer::BatchNorm(_) => match info.input {
                    Shape::Volume { channels, .. } => format!("nn.BatchNorm2d({channels})"),
                    Shape::Flat(n) => format!("nn.BatchNorm1d({n})"),
                    _ => return Err(unsupported()),
                },
                Layer::Relu(_) => "nn.ReLU()".into(),
                Layer::Tanh(_) => "nn.Tanh()".into(),
                Layer::Sigmoid(_) => "nn.Sigmoid()".into(),
                Layer::LeakyRelu(l) => format!("nn.LeakyReLU({})", l.slope),
                Layer::Reshape(r) => format!("nn.Unflatten(1, ({}, {}, {}))", r.channels, r.height, r.width),
                Layer::Spp(_)
                | Layer::Embedding(_)
                | Layer::Conv1d(_)
                | Layer::Rnn(_)
                | Layer::Lstm(_)
                | Layer::Last(_)
                | Layer::Branches(_) => return Err(unsupported()),
            })
        })
        .collect()
}

/// The tensors of `stack`'s network as PyTorch names and shapes them, in the order of the
/// layers: what [`Net::to_safetensors`] writes and what a file must hold to load. Worked out
/// from the stack alone, without building the network, so that the page can check a file
/// without carrying burn.
pub fn state_dict(stack: &Stack) -> Result<Vec<(String, Vec<usize>)>, TorchError> {
    modules(stack)?;
    let infos = stack.infer().map_err(TorchError::Stack)?;
    let mut out = Vec::new();
    for (i, info) in infos.iter().enumerate() {
        let mut put = |name: &str, shape: Vec<usize>| out.push((format!("{i}.{name}"), shape));
        match (&info.layer, info.input) {
            (Layer::Conv(c), Shape::Volume { channels, .. }) => {
                put("weight", vec![c.filters, channels, c.kernel, c.kernel]);
                put("bias", vec![c.filters]);
            }
            (Layer::Dense(d), Shape::Flat(n)) => {
                put("weight", vec![d.units, n]);
                put("bias", vec![d.units]);
            }
            (Layer::BatchNorm(_), Shape::Volume { channels: n, .. } | Shape::Flat(n)) => {
                for name in ["weight", "bias", "running_mean", "running_var"] {
                    put(name, vec![n]);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Whether `bytes` is a safetensors file that loads into `stack`'s network: every tensor of
/// [`state_dict`] there, in F32 and its shape, and nothing else. The first problem found is
/// the error, in the order of the layers.
pub fn check_file(bytes: &[u8], stack: &Stack) -> Result<(), TorchError> {
    checked(bytes, stack).map(|_| ())
}

/// The file read from `bytes`, once [`check_file`]'s checks pass.
fn checked<'a>(bytes: &'a [u8], stack: &Stack) -> Result<SafeTensors<'a>, TorchError> {
    let wanted = state_dict(stack)?;
    let file = SafeTensors::deserialize(bytes).map_err(|e| TorchError::NotSafetensors(e.to_string()))?;
    for (name, shape) in &wanted {
        let view = file.tensor(name).map_err(|_| TorchError::Missing(name.clone()))?;
        if view.dtype() != Dtype::F32 {
            return Err(TorchError::DType { name: name.clone(), found: format!("{:?}", view.dtype()) });
        }
        if view.shape() != shape.as_slice() {
            return Err(TorchError::Shape {
                name: name.clone(),
                expected: shape.clone(),
                found: view.shape().to_vec(),
            });
        }
    }
    let mut names = file.names();
    names.sort_unstable();
    if let Some(extra) = names.into_iter().find(|n| !wanted.iter().any(|(w, _)| w == *n)) {
        return Err(TorchError::Unexpected(extra.to_string()));
    }
    Ok(file)
}

/// The Python that rebuilds `stack` in PyTorch and loads the file `file` written by
/// [`Net::to_safetensors`]; `eval_comment` (in the reader's language) follows `net.eval()`.
pub fn pytorch_code(stack: &Stack, file: &str, eval_comment: &str) -> Result<String, TorchError> {
    let modules = modules(stack)?;
    let width = modules.iter().map(String::len).max().unwrap_or(0) + 1;
    let mut code = String::from("import torch\nfrom torch import nn\nfrom safetensors.torch import load_file\n\n");
    code += "net = nn.Sequential(\n";
    for (i, m) in modules.iter().enumerate() {
        code += &format!("    {:<width$} # {i}\n", format!("{m},"), width = width);
    }
    code += ")\n";
    code += &format!("net.load_state_dict(load_file(\"{file}\"))\n");
    code += "net.eval()";
    if !eval_comment.is_empty() {
        code += &format!("  # {eval_comment}");
    }
    code += "\n";
    Ok(code)
}

/// The stack a file written by [`Net::to_safetensors`] describes in its metadata: `None` when
/// the file has no such description (a file written by PyTorch, say).
pub fn file_stack(bytes: &[u8]) -> Result<Option<Stack>, TorchError> {
    let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(|e| TorchError::NotSafetensors(e.to_string()))?;
    let Some(info) = metadata.metadata() else { return Ok(None) };
    let (Some(layers), Some(input)) = (info.get(LAYERS_KEY), info.get(INPUT_KEY)) else { return Ok(None) };
    let dims: Vec<usize> = input.split('×').filter_map(|d| d.parse().ok()).collect();
    let &[channels, height, width] = dims.as_slice() else {
        return Err(TorchError::Input(input.clone()));
    };
    let layers = Stack::parse_layers(layers).map_err(TorchError::Stack)?;
    Ok(Some(Stack { input: Shape::Volume { height, width, channels }, layers }))
}

/// One tensor of a file being written: its name, shape and little-endian bytes.
struct Entry {
    name: String,
    shape: Vec<usize>,
    data: Vec<u8>,
}

/// A tensor's shape and its values, row-major.
fn contents<const D: usize>(t: Tensor<D>) -> (Vec<usize>, Vec<f32>) {
    (t.dims().to_vec(), t.try_into_vec_as::<f32>().unwrap_or_default())
}

impl Net {
    /// The network's parameters as a safetensors file with PyTorch's names and layouts (see the
    /// module documentation).
    pub fn to_safetensors(&self) -> Result<Vec<u8>, TorchError> {
        modules(self.stack())?;
        let mut tensors: Vec<Entry> = Vec::new();
        for (i, module) in self.modules().iter().enumerate() {
            let mut put = |name: &str, (shape, values): (Vec<usize>, Vec<f32>)| {
                let data = values.iter().flat_map(|v| v.to_le_bytes()).collect();
                tensors.push(Entry { name: format!("{i}.{name}"), shape, data });
            };
            match module {
                LayerModule::Conv(c) => {
                    put("weight", contents(c.weight.val()));
                    if let Some(b) = &c.bias {
                        put("bias", contents(b.val()));
                    }
                }
                LayerModule::Dense(l) => {
                    put("weight", contents(l.weight.val().transpose()));
                    if let Some(b) = &l.bias {
                        put("bias", contents(b.val()));
                    }
                }
                LayerModule::BatchNorm(bn) => {
                    put("weight", contents(bn.gamma.val()));
                    put("bias", contents(bn.beta.val()));
                    put("running_mean", contents(bn.running_mean.value()));
                    put("running_var", contents(bn.running_var.value()));
                }
                _ => {}
            }
        }
        let views = tensors
            .iter()
            .map(|e| TensorView::new(Dtype::F32, e.shape.clone(), &e.data).map(|v| (e.name.clone(), v)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| TorchError::NotSafetensors(e.to_string()))?;
        let Shape::Volume { height, width, channels } = self.stack().input else {
            return Err(TorchError::Input(self.stack().input.to_string()));
        };
        let metadata = HashMap::from([
            ("format".to_string(), "pt".to_string()),
            (LAYERS_KEY.to_string(), self.stack().layers_text()),
            (INPUT_KEY.to_string(), format!("{channels}×{height}×{width}")),
        ]);
        safetensors::serialize(views, Some(metadata)).map_err(|e| TorchError::NotSafetensors(e.to_string()))
    }

    /// This network with every parameter read from `bytes`, a safetensors file with PyTorch's
    /// names and layouts (one written by [`Net::to_safetensors`], or PyTorch's
    /// `save_file(net.state_dict(), …)` of the same `nn.Sequential`). Every tensor must be there,
    /// in F32 and the network's shape, and nothing else; frozen layers stay frozen.
    pub fn load_safetensors(&self, bytes: &[u8]) -> Result<Net, TorchError> {
        let file = checked(bytes, self.stack())?;
        // Checked above: every tensor read is there, in F32 and its shape.
        let read = |name: String, shape: &[usize]| -> Result<Vec<f32>, TorchError> {
            let view = file.tensor(&name).map_err(|_| TorchError::Missing(name.clone()))?;
            if view.shape() != shape {
                return Err(TorchError::Shape { name, expected: shape.to_vec(), found: view.shape().to_vec() });
            }
            Ok(view.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
        };
        let mut loaded = Vec::new();
        for (i, module) in self.modules().iter().enumerate() {
            let name = |n: &str| format!("{i}.{n}");
            let module = match module {
                LayerModule::Conv(c) => {
                    let mut c = c.clone();
                    c.weight = param(read(name("weight"), &c.weight.dims())?, c.weight.val());
                    if let Some(b) = &c.bias {
                        c.bias = Some(param(read(name("bias"), &b.dims())?, b.val()));
                    }
                    LayerModule::Conv(c)
                }
                LayerModule::Dense(l) => {
                    let mut l = l.clone();
                    let [n_in, n_out] = l.weight.dims();
                    let torch = read(name("weight"), &[n_out, n_in])?;
                    let device = l.weight.val().device();
                    let weight = Tensor::<2>::from_data(TensorData::new(torch, [n_out, n_in]), &device).transpose();
                    l.weight = Param::from_tensor(weight);
                    if let Some(b) = &l.bias {
                        l.bias = Some(param(read(name("bias"), &b.dims())?, b.val()));
                    }
                    LayerModule::Dense(l)
                }
                LayerModule::BatchNorm(bn) => {
                    let mut bn = bn.clone();
                    let n = bn.gamma.dims();
                    bn.gamma = param(read(name("weight"), &n)?, bn.gamma.val());
                    bn.beta = param(read(name("bias"), &n)?, bn.beta.val());
                    let device = bn.gamma.val().device();
                    let state = |v: Vec<f32>| RunningState::new(Tensor::<1>::from_data(TensorData::new(v, n), &device));
                    bn.running_mean = state(read(name("running_mean"), &n)?);
                    bn.running_var = state(read(name("running_var"), &n)?);
                    LayerModule::BatchNorm(bn)
                }
                _ => continue,
            };
            loaded.push((i, module));
        }
        let mut net = loaded.into_iter().fold(self.clone(), |net, (i, m)| net.with_module(i, m));
        for (i, &frozen) in self.frozen().iter().enumerate() {
            if frozen {
                net = net.set_frozen(i, true);
            }
        }
        Ok(net)
    }
}

/// A fresh trainable parameter holding `values`, shaped and placed like `like`.
fn param<const D: usize>(values: Vec<f32>, like: Tensor<D>) -> Param<Tensor<D>> {
    Param::from_tensor(Tensor::from_data(TensorData::new(values, like.dims()), &like.device()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;

    fn device() -> Device {
        Backend::Flex.training_device().expect("flex is built in")
    }

    fn net(layers: &str, seed: u64) -> Net {
        Net::seeded(&Stack::digits(layers).unwrap(), seed, &device()).unwrap()
    }

    #[test]
    fn the_notes_cnn_is_written_with_pytorchs_names_and_layouts() {
        let net = net(crate::nn::NOTE_CNN, 1);
        let bytes = net.to_safetensors().unwrap();
        let file = SafeTensors::deserialize(&bytes).unwrap();
        let mut names = file.names();
        names.sort();
        assert_eq!(names, ["0.bias", "0.weight", "3.bias", "3.weight", "7.bias", "7.weight"]);
        assert_eq!(file.tensor("0.weight").unwrap().shape(), [25, 1, 3, 3]);
        assert_eq!(file.tensor("3.weight").unwrap().shape(), [50, 25, 3, 3]);
        assert_eq!(file.tensor("7.weight").unwrap().shape(), [10, 1250], "nn.Linear keeps [out, in]");
        // PyTorch's weight[o][i] is burn's weight[i][o].
        let LayerModule::Dense(dense) = &net.modules()[7] else { panic!("layer 7 is dense") };
        let burn: Vec<f32> = dense.weight.val().try_into_vec_as().unwrap();
        let torch: Vec<f32> = file
            .tensor("7.weight")
            .unwrap()
            .data()
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes(b.try_into().unwrap()))
            .collect();
        for (o, i) in [(0, 0), (3, 17), (9, 1249)] {
            assert_eq!(torch[o * 1250 + i], burn[i * 10 + o]);
        }
        assert_eq!(file_stack(&bytes).unwrap(), Some(Stack::note_cnn()));
    }

    #[test]
    fn weights_round_trip_exactly() {
        for layers in [
            crate::nn::NOTE_CNN,
            "conv:8:3:2:1,batchnorm,leaky:0.1,avgpool:2,flatten,dense:32,tanh,dropout:0.3,dense:10",
        ] {
            let trained = net(layers, 1);
            let bytes = trained.to_safetensors().unwrap();
            let other = net(layers, 2);
            assert_ne!(other.parameter_values(), trained.parameter_values());
            let loaded = other.load_safetensors(&bytes).unwrap();
            assert_eq!(loaded.parameter_values(), trained.parameter_values(), "{layers}");
            assert!(same_file(&loaded.to_safetensors().unwrap(), &bytes), "the same file again");
        }
    }

    /// The same tensors and metadata (the metadata's key order may differ).
    fn same_file(a: &[u8], b: &[u8]) -> bool {
        let contents = |bytes: &[u8]| {
            let file = SafeTensors::deserialize(bytes).unwrap();
            let mut t: Vec<(String, Vec<usize>, Vec<u8>)> =
                file.tensors().into_iter().map(|(n, v)| (n, v.shape().to_vec(), v.data().to_vec())).collect();
            t.sort();
            (t, SafeTensors::read_metadata(bytes).unwrap().1.metadata().clone())
        };
        contents(a) == contents(b)
    }

    #[test]
    fn batch_norm_writes_its_running_statistics() {
        let bytes = net("flatten,dense:16,batchnorm,relu,dense:10", 1).to_safetensors().unwrap();
        let file = SafeTensors::deserialize(&bytes).unwrap();
        for name in ["2.weight", "2.bias", "2.running_mean", "2.running_var"] {
            assert_eq!(file.tensor(name).unwrap().shape(), [16], "{name}");
        }
    }

    #[test]
    fn frozen_layers_stay_frozen() {
        let source = net(crate::nn::NOTE_CNN, 1);
        let bytes = source.to_safetensors().unwrap();
        let frozen = net(crate::nn::NOTE_CNN, 2).set_frozen(0, true);
        assert!(frozen.load_safetensors(&bytes).unwrap().frozen()[0]);
    }

    #[test]
    fn the_state_dict_is_what_the_network_writes() {
        for layers in [
            crate::nn::NOTE_CNN,
            "conv:8:3:2:1,batchnorm,leaky:0.1,avgpool:2,flatten,dense:32,tanh,dropout:0.3,dense:10",
            "flatten,dense:16,batchnorm,relu,dense:10",
            "conv:4:5:1:2,relu,pool:3:2,conv:6:3,batchnorm,sigmoid,adapt:2:2,flatten,dense:10",
        ] {
            let net = net(layers, 1);
            let file = net.to_safetensors().unwrap();
            let file = SafeTensors::deserialize(&file).unwrap();
            let mut written: Vec<(String, Vec<usize>)> =
                file.tensors().into_iter().map(|(n, v)| (n, v.shape().to_vec())).collect();
            let mut wanted = state_dict(net.stack()).unwrap();
            written.sort();
            wanted.sort();
            assert_eq!(wanted, written, "{layers}");
        }
    }

    /// What loading `bytes` into `net` says is wrong, after checking that the page's check
    /// (without building a network) says the same.
    fn refusal(net: &Net, bytes: &[u8]) -> Option<TorchError> {
        let loaded = net.load_safetensors(bytes).err();
        assert_eq!(check_file(bytes, net.stack()).err(), loaded);
        loaded
    }

    #[test]
    fn files_that_do_not_fit_are_errors() {
        let cnn = net(crate::nn::NOTE_CNN, 1);
        let mlp = net("flatten,dense:128,relu,dense:10", 1).to_safetensors().unwrap();
        assert!(matches!(refusal(&cnn, &mlp), Some(TorchError::Missing(n)) if n == "0.weight"));
        let wide = net("conv:24:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:10", 1).to_safetensors().unwrap();
        assert_eq!(
            refusal(&cnn, &wide),
            Some(TorchError::Shape { name: "0.weight".into(), expected: vec![25, 1, 3, 3], found: vec![24, 1, 3, 3] })
        );
        let longer = net("conv:25:3,relu,pool:2,conv:50:3,relu,pool:2,flatten,dense:10,relu,dense:10", 1)
            .to_safetensors()
            .unwrap();
        assert_eq!(refusal(&cnn, &longer), Some(TorchError::Unexpected("9.bias".into())));
        assert!(matches!(refusal(&cnn, b"not a model"), Some(TorchError::NotSafetensors(_))));
        let bytes = cnn.to_safetensors().unwrap();
        assert!(matches!(refusal(&cnn, &bytes[..bytes.len() - 4]), Some(TorchError::NotSafetensors(_))));
        assert_eq!(refusal(&cnn, &bytes), None);
        let halves =
            safetensors::serialize([("0.weight", TensorView::new(Dtype::F16, vec![2], &[0; 4]).unwrap())], None)
                .unwrap();
        assert_eq!(refusal(&cnn, &halves), Some(TorchError::DType { name: "0.weight".into(), found: "F16".into() }));
        assert!(matches!(file_stack(b"\x01\x00"), Err(TorchError::NotSafetensors(_))));
    }

    #[test]
    fn layers_without_a_torch_module_are_named() {
        let stack = Stack::digits("[conv:8:3:1:1|conv:8:5:1:2],relu,flatten,dense:10").unwrap();
        let net = Net::seeded(&stack, 1, &device()).unwrap();
        assert_eq!(net.to_safetensors(), Err(TorchError::Unsupported { layer: 0, token: "[".into() }));
        assert!(pytorch_code(&stack, "m.safetensors", "").is_err());
    }

    #[test]
    fn the_pytorch_code_rebuilds_the_stack() {
        let code = pytorch_code(&Stack::note_cnn(), "dlnotes-model.safetensors", "评估模式").unwrap();
        let modules: Vec<&str> = code
            .lines()
            .filter(|l| l.starts_with("    nn."))
            .map(|l| l.trim().split(" #").next().unwrap().trim())
            .collect();
        assert_eq!(
            modules,
            [
                "nn.Conv2d(1, 25, kernel_size=3),",
                "nn.ReLU(),",
                "nn.MaxPool2d(2),",
                "nn.Conv2d(25, 50, kernel_size=3),",
                "nn.ReLU(),",
                "nn.MaxPool2d(2),",
                "nn.Flatten(),",
                "nn.Linear(1250, 10),",
            ]
        );
        assert!(code.contains("load_file(\"dlnotes-model.safetensors\")"));
        assert!(code.ends_with("net.eval()  # 评估模式\n"), "the comment in the page's words: {code}");
        let padded = pytorch_code(&Stack::digits("conv:8:5:2:2,pool:3:2,flatten,dense:10").unwrap(), "m", "").unwrap();
        assert!(padded.contains("nn.Conv2d(1, 8, kernel_size=5, stride=2, padding=2),"));
        assert!(padded.contains("nn.MaxPool2d(3, stride=2),"));
    }
}
