//! A layer stack drawn as the note draws it: one block per tensor, tall for large images, wide
//! for many channels, a thin bar once flattened, with the layer and its parameters underneath.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, PALETTE, err};

/// The shape of one block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Form {
    Volume { height: usize, channels: usize },
    Flat(usize),
}

/// One tensor in the stack and the layer that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The producing layer, e.g. "conv 3×3".
    pub title: String,
    /// The tensor's shape, e.g. "26×26×25".
    pub shape: String,
    /// The layer's parameter count, already formatted.
    pub params: String,
    pub form: Form,
    /// Which palette colour the block takes.
    pub colour: usize,
}

/// Draws the blocks left to right with arrows between them.
pub fn draw<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, blocks: &[Block]) -> DrawResult {
    super::table::record(|lang| {
        use super::table::words::{LAYER, PARAMS, SHAPE};
        super::table::Table {
            header: super::table::header(lang, &[LAYER, SHAPE, PARAMS]),
            rows: blocks.iter().map(|b| vec![b.title.clone(), b.shape.clone(), b.params.clone()]).collect(),
        }
    });
    let (width, height) = area.dim_in_pixel();
    let (width, height) = (width as i32, height as i32);
    if blocks.is_empty() {
        return Ok(());
    }
    let slot = width / blocks.len() as i32;
    let face_max = (height as f64 * 0.5).max(20.0);
    let mid = (height as f64 * 0.42) as i32;
    let max_side =
        blocks.iter().map(|b| if let Form::Volume { height, .. } = b.form { height } else { 1 }).max().unwrap_or(1)
            as f64;
    let max_channels =
        blocks.iter().map(|b| if let Form::Volume { channels, .. } = b.form { channels } else { 1 }).max().unwrap_or(1)
            as f64;
    let max_flat = blocks.iter().map(|b| if let Form::Flat(n) = b.form { n } else { 1 }).max().unwrap_or(1) as f64;
    let text = |size: i32, colour: &RGBColor| {
        ("sans-serif", size).into_font().color(colour).pos(Pos::new(HPos::Center, VPos::Center))
    };
    for (i, block) in blocks.iter().enumerate() {
        let cx = slot * i as i32 + slot / 2;
        let (w, h) = match block.form {
            Form::Volume { height, channels } => {
                let h = (height as f64 / max_side).sqrt() * face_max;
                let w = 10.0 + ((channels as f64).ln_1p() / max_channels.ln_1p().max(1e-6)) * (slot as f64 * 0.45);
                (w, h)
            }
            Form::Flat(n) => (8.0, ((n as f64).ln_1p() / max_flat.ln_1p().max(1e-6)).max(0.15) * face_max),
        };
        let (w, h) = (w.max(6.0) as i32, h.max(6.0) as i32);
        let colour = PALETTE[block.colour % PALETTE.len()];
        // A shallow 3-D block: back face offset up and right, then the front face.
        let depth = (w / 4).clamp(3, 10);
        let front = [(cx - w / 2, mid - h / 2), (cx + w / 2, mid + h / 2)];
        let back = [(front[0].0 + depth, front[0].1 - depth), (front[1].0 + depth, front[1].1 - depth)];
        area.draw(&Rectangle::new(back, colour.mix(0.35).filled())).map_err(err)?;
        area.draw(&Rectangle::new(front, colour.mix(0.8).filled())).map_err(err)?;
        area.draw(&Rectangle::new(front, BLACK.stroke_width(1))).map_err(err)?;
        let top = mid - face_max as i32 / 2 - 22;
        area.draw(&Text::new(block.shape.clone(), (cx, top), text(15, &BLACK))).map_err(err)?;
        let below = mid + face_max as i32 / 2 + 18;
        area.draw(&Text::new(block.title.clone(), (cx, below), text(14, &colour))).map_err(err)?;
        area.draw(&Text::new(block.params.clone(), (cx, below + 20), text(13, &RGBColor(80, 80, 80)))).map_err(err)?;
        if i + 1 < blocks.len() {
            let (x0, x1) = (cx + slot / 2 - 10, cx + slot / 2 + 4);
            area.draw(&PathElement::new(vec![(x0, mid), (x1, mid)], BLACK.stroke_width(2))).map_err(err)?;
            area.draw(&Polygon::new(vec![(x1, mid - 5), (x1 + 7, mid), (x1, mid + 5)], BLACK.filled())).map_err(err)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_is_labelled() {
        let blocks = vec![
            Block {
                title: "input".into(),
                shape: "28×28×1".into(),
                params: "0".into(),
                form: Form::Volume { height: 28, channels: 1 },
                colour: 0,
            },
            Block {
                title: "conv 3×3".into(),
                shape: "26×26×25".into(),
                params: "250".into(),
                form: Form::Volume { height: 26, channels: 25 },
                colour: 1,
            },
            Block {
                title: "flatten".into(),
                shape: "16900".into(),
                params: "0".into(),
                form: Form::Flat(16_900),
                colour: 2,
            },
        ];
        let svg = super::super::render_svg(700, 260, |a| draw(a, &blocks));
        for label in ["28×28×1", "26×26×25", "conv 3×3", "250", "16900", "flatten"] {
            assert!(svg.contains(label), "missing {label}");
        }
    }
}
