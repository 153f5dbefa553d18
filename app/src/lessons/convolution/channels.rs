//! Several channels, as the note draws them: a real digit through a layer written (3,3,1,2)
//! (3×3 kernels, 1 input channel, 2 output channels), then through one written (3,3,2,2): each
//! output map is the sum of every input map convolved with its own kernel, plus a bias.

use engine::conv::{Conv2d, PadMode, Volume, conv_params};
use engine::mnist::Mnist;
use leptos::prelude::*;

use super::t;
use crate::components::disclosure::Lead;
use crate::components::plot::PlotCanvas;
use crate::data::use_digits;
use crate::i18n::{fill, tr, use_lang};
use crate::plots::tiles::{self, Shade, Tile};

/// The first layer's two kernels: a vertical-edge and a horizontal-edge detector (Sobel).
const FIRST: [[f32; 9]; 2] =
    [[-1.0, 0.0, 1.0, -2.0, 0.0, 2.0, -1.0, 0.0, 1.0], [-1.0, -2.0, -1.0, 0.0, 0.0, 0.0, 1.0, 2.0, 1.0]];

/// The second layer's four kernels, `[output][input]`: output 1 blurs and adds the two maps,
/// output 2 blurs the first and subtracts the blurred second.
const SECOND: [[[f32; 9]; 2]; 2] = [[[1.0 / 9.0; 9], [1.0 / 9.0; 9]], [[1.0 / 9.0; 9], [-1.0 / 9.0; 9]]];

/// The digit shown.
const DIGIT: usize = 2130;

/// One convolution with stride 1 and no padding, summing over the kernel's channels.
fn convolve(input: &Volume, kernel: Volume) -> Volume {
    let conv = Conv2d { kernel, bias: 0.0, stride: 1, padding: 0, mode: PadMode::Zero };
    conv.apply(input).expect("3×3 kernels fit every map here")
}

/// The two layers on a digit: the first layer's maps, then for each output of the second its
/// two partial maps (one per input map) and their sum.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Flow {
    pub input: Volume,
    pub first: Vec<Volume>,
    pub partial: Vec<[Volume; 2]>,
    pub second: Vec<Volume>,
}

pub(super) fn flow(digits: &Mnist, index: usize) -> Flow {
    let input = digits.volume(index.min(digits.len() - 1));
    let kernel = |w: &[f32; 9]| Volume::from_vec(1, 3, 3, w.to_vec()).expect("3×3");
    let first: Vec<Volume> = FIRST.iter().map(|w| convolve(&input, kernel(w))).collect();
    let partial: Vec<[Volume; 2]> = SECOND
        .iter()
        .map(|per_input| [convolve(&first[0], kernel(&per_input[0])), convolve(&first[1], kernel(&per_input[1]))])
        .collect();
    // The engine's convolution sums over channels itself: stack the two maps and the two kernels.
    let stacked =
        Volume::from_vec(2, first[0].height, first[0].width, [first[0].data.clone(), first[1].data.clone()].concat())
            .expect("two maps of one size");
    let second: Vec<Volume> = SECOND
        .iter()
        .map(|per_input| {
            let k = Volume::from_vec(2, 3, 3, [per_input[0], per_input[1]].concat()).expect("two 3×3 kernels");
            convolve(&stacked, k)
        })
        .collect();
    Flow { input, first, partial, second }
}

fn tile(v: &Volume, caption: String) -> Tile {
    Tile { width: v.width, height: v.height, values: v.data.clone(), caption }
}

fn kernel_tile(w: &[f32; 9], caption: String) -> Tile {
    Tile { width: 3, height: 3, values: w.to_vec(), caption }
}

#[component]
pub(super) fn NoteChannels() -> impl IntoView {
    let lang = use_lang();
    let digits = use_digits();
    let computed = Memo::new(move |_| digits.get().and_then(Result::ok).map(|d| flow(&d, DIGIT)));
    let p1 = conv_params(3, 3, 1, 2, true);
    let p2 = conv_params(3, 3, 2, 2, true);
    let first_tiles = move || {
        let lang = lang.get();
        computed.with(|f| {
            let f = f.as_ref()?;
            let mut tiles = vec![tile(&f.input, t::CH_INPUT.get(lang).into())];
            tiles.extend(
                FIRST.iter().enumerate().map(|(j, w)| kernel_tile(w, fill(t::CH_KERNEL.get(lang), &[&1, &(j + 1)]))),
            );
            tiles.extend(f.first.iter().enumerate().map(|(j, m)| tile(m, fill(t::CH_MAP.get(lang), &[&(j + 1)]))));
            Some(tiles)
        })
    };
    let second_tiles = move || {
        let lang = lang.get();
        computed.with(|f| {
            let f = f.as_ref()?;
            let mut tiles = Vec::new();
            for (j, per_input) in SECOND.iter().enumerate() {
                for (i, w) in per_input.iter().enumerate() {
                    tiles.push(kernel_tile(w, fill(t::CH_KERNEL.get(lang), &[&(i + 1), &(j + 1)])));
                    tiles.push(tile(&f.partial[j][i], fill(t::CH_PART.get(lang), &[&(i + 1), &(j + 1)])));
                }
                tiles.push(tile(&f.second[j], fill(t::CH_SUM.get(lang), &[&(j + 1)])));
            }
            Some(tiles)
        })
    };
    view! {
        <section class="panel" data-result="channels">
            <h2>{tr(t::CH_TITLE)}</h2>
            <Lead text=tr(t::CH_INTRO) />
            <h3>{move || fill(t::CH_FIRST.get(lang.get()), &[&p1])}</h3>
            {move || first_tiles().map(|tiles| view! {
                <PlotCanvas width=720 height=tiles::height_for(&tiles, 5, 720) label="channels-first" draw=move |area| {
                    tiles::draw(area, &tiles, 5, Shade::Diverging)
                } />
            })}
            <p class="formula">{move || fill(t::CH_FIRST_PARAMS.get(lang.get()), &[&p1])}</p>
            <h3>{move || fill(t::CH_SECOND.get(lang.get()), &[&p2])}</h3>
            {move || second_tiles().map(|tiles| view! {
                <PlotCanvas width=900 height=tiles::height_for(&tiles, 5, 900) label="channels-second" draw=move |area| {
                    tiles::draw(area, &tiles, 5, Shade::Diverging)
                } />
            })}
            <p class="formula">{move || fill(t::CH_SECOND_PARAMS.get(lang.get()), &[&p2])}</p>
            <Lead text=tr(t::CH_HINT) class="hint" />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_output_map_is_the_sum_of_its_partial_maps() {
        let digits = Mnist::bars(10, 0, 1);
        let f = flow(&digits, 3);
        assert_eq!((f.first.len(), f.first[0].height), (2, 26));
        assert_eq!((f.second.len(), f.second[0].height), (2, 24));
        for (out, parts) in f.second.iter().zip(&f.partial) {
            for (i, v) in out.data.iter().enumerate() {
                assert!((v - (parts[0].data[i] + parts[1].data[i])).abs() < 1e-4);
            }
        }
        // A horizontal bar has no vertical edges inside it: the first map is zero where the
        // second is not.
        assert!(f.first[1].data.iter().any(|v| v.abs() > 1.0));
        assert_eq!((conv_params(3, 3, 1, 2, true), conv_params(3, 3, 2, 2, true)), (20, 38));
    }
}
