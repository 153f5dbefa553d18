//! Small images in a grid, each with a caption: kernels, feature maps, misclassified digits.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{DrawResult, err};

/// One small image.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    pub width: usize,
    pub height: usize,
    /// Row-major values.
    pub values: Vec<f32>,
    pub caption: String,
}

/// How tile values become colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shade {
    /// Each tile scaled to its own maximum: white to black (digits, feature maps).
    Ink,
    /// Each tile scaled to its own largest magnitude: blue negative, white zero, red positive
    /// (kernels).
    Diverging,
    /// Values as they are, 0 white to 1 black: brightness and contrast stay visible.
    Grey,
    /// Planar RGB values in `[0, 1]` (three planes of `width × height`), shown as colours.
    Rgb,
}

/// Values below minus this share of a tile's largest magnitude get a minus bar in
/// [`Shade::Diverging`].
pub const NEGATIVE_MARK: f32 = 0.15;

/// Draws `tiles` left to right, `columns` to a row, each cell `cell` pixels square per value.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tiles: &[Tile],
    columns: usize,
    shade: Shade,
) -> DrawResult {
    super::table::record(|lang| {
        use super::table::words::{CHANNEL, COLUMN, ROW, TILE, VALUE};
        let mut rows = Vec::new();
        for (i, tile) in tiles.iter().enumerate() {
            let name = if tile.caption.is_empty() { (i + 1).to_string() } else { tile.caption.clone() };
            let plane = (tile.width * tile.height).max(1);
            for (j, v) in tile.values.iter().enumerate() {
                let (c, y, x) = (j / plane, j % plane / tile.width.max(1), j % tile.width.max(1));
                rows.push(vec![
                    name.clone(),
                    (c + 1).to_string(),
                    (y + 1).to_string(),
                    (x + 1).to_string(),
                    super::table::number32(*v),
                ]);
            }
        }
        super::table::Table { header: super::table::header(lang, &[TILE, CHANNEL, ROW, COLUMN, VALUE]), rows }
    });
    let columns = columns.max(1);
    let (slot, caption_h) = layout(tiles, columns, area.dim_in_pixel().0);
    for (i, tile) in tiles.iter().enumerate() {
        let (side, cell) = cell(tile, slot);
        let (x0, y0) = (
            (i % columns) as i32 * slot + (slot - cell * tile.width as i32) / 2,
            (i / columns) as i32 * (cell * side + caption_h + 8) + 4,
        );
        let scale = tile.values.iter().fold(0.0f32, |m, v| m.max(v.abs())).max(1e-6);
        let plane = tile.width * tile.height;
        for (j, v) in tile.values.iter().take(plane).enumerate() {
            let (x, y) = (x0 + (j % tile.width) as i32 * cell, y0 + (j / tile.width) as i32 * cell);
            let t = (v / scale).clamp(-1.0, 1.0);
            let byte =
                |c: usize| (tile.values.get(c * plane + j).copied().unwrap_or(0.0).clamp(0.0, 1.0) * 255.0) as u8;
            let colour = match shade {
                Shade::Ink => grey(t.max(0.0)),
                Shade::Diverging if t < 0.0 => blend((33, 102, 172), -t),
                Shade::Diverging => blend((200, 60, 40), t),
                Shade::Grey => grey(v.clamp(0.0, 1.0)),
                Shade::Rgb => RGBColor(byte(0), byte(1), byte(2)),
            };
            area.draw(&Rectangle::new([(x, y), (x + cell, y + cell)], colour.filled())).map_err(err)?;
            // A negative value also carries a minus bar, so that its sign is not told by colour alone.
            if shade == Shade::Diverging && t < -NEGATIVE_MARK && cell >= 6 {
                let bar = [(x + cell / 4, y + cell / 2), (x + cell - cell / 4, y + cell / 2)];
                area.draw(&PathElement::new(bar, WHITE.stroke_width((cell / 8).max(1) as u32))).map_err(err)?;
            }
        }
        area.draw(&Rectangle::new(
            [(x0, y0), (x0 + cell * tile.width as i32, y0 + cell * tile.height as i32)],
            RGBColor(200, 204, 214),
        ))
        .map_err(err)?;
        if !tile.caption.is_empty() {
            let style =
                ("sans-serif", 13).into_font().color(&RGBColor(50, 50, 60)).pos(Pos::new(HPos::Center, VPos::Top));
            let cx = x0 + cell * tile.width as i32 / 2;
            area.draw(&Text::new(tile.caption.clone(), (cx, y0 + cell * tile.height as i32 + 3), style))
                .map_err(err)?;
        }
    }
    Ok(())
}

/// The height `draw` needs for `tiles` at a given width.
pub fn height_for(tiles: &[Tile], columns: usize, width: u32) -> u32 {
    let Some(first) = tiles.first() else { return 40 };
    let columns = columns.max(1);
    let (slot, caption_h) = layout(tiles, columns, width);
    let (side, cell) = cell(first, slot);
    let rows = tiles.len().div_ceil(columns) as i32;
    (rows * (cell * side + caption_h + 8) + 8) as u32
}

/// What `draw` and `height_for` share: each column's width in pixels, and the room under a
/// tile (for a caption if any tile has one).
fn layout(tiles: &[Tile], columns: usize, width: u32) -> (i32, i32) {
    let caption_h = if tiles.iter().any(|t| !t.caption.is_empty()) { 18 } else { 4 };
    (width as i32 / columns as i32, caption_h)
}

/// A tile's longer side in values, and the pixels per value that fit it in a column.
fn cell(tile: &Tile, slot: i32) -> (i32, i32) {
    let side = tile.width.max(tile.height).max(1) as i32;
    (side, ((slot - 8) / side).max(1))
}

fn grey(t: f32) -> RGBColor {
    let v = (255.0 * (1.0 - t)) as u8;
    RGBColor(v, v, v.saturating_add(4))
}

fn blend((r, g, b): (u8, u8, u8), t: f32) -> RGBColor {
    let m = |c: u8| (255.0 + (f32::from(c) - 255.0) * t) as u8;
    RGBColor(m(r), m(g), m(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_have_their_captions_and_fit_their_height() {
        let tiles: Vec<Tile> = (0..6)
            .map(|i| Tile { width: 3, height: 3, values: vec![i as f32 - 2.0; 9], caption: format!("#{i}") })
            .collect();
        let h = height_for(&tiles, 3, 300);
        let svg = super::super::render_svg(300, h, |a| draw(a, &tiles, 3, Shade::Diverging));
        assert!(svg.contains("#0") && svg.contains("#5"));
        assert!(h > 100 && h < 400, "{h}");
    }
}
