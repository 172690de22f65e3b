//! An indicator's chart, drawn in Rust as inline SVG (no script): a line
//! through the values, each point marked by a shape (a hollow square for the
//! baseline, a dot for a measurement) and labelled with its number, the
//! target a dashed line with its label, and a legend in words, so nothing
//! rests on colour. `role="img"` with a `<title>` and a `<desc>` that say
//! the figures in words; the page's table holds the same numbers. The
//! `viewBox` lets it scale down to a 320 px wide screen.

use crate::base::xml_escape;

/// The drawing's width in its own units (its height follows from what it
/// holds).
const WIDTH: f64 = 400.0;
/// The plot area: at least this much room on the left for the numbers (more
/// for long ones), a row above for the unit and the target's label.
const LEFT: f64 = 40.0;
const RIGHT: f64 = WIDTH - 16.0;
const TOP: f64 = 44.0;
const BOTTOM: f64 = TOP + 150.0;
/// The size of the text, and about how wide a letter of it is: 14 units are
/// about 10 px on a 320 px screen, 18 px at the widest.
const FONT: f64 = 14.0;
const LETTER: f64 = 0.6 * FONT;
/// Periods too long to stand side by side are turned this far (degrees).
const SLANT: f64 = 40.0;

/// What the chart shows, its words already in the site's language.
pub(super) struct Chart<'a> {
    /// The page's id, for the ids of the title and the description.
    pub id: &'a str,
    pub title: String,
    pub desc: String,
    /// The baseline and the measurements, in the order of their periods.
    pub points: Vec<Point>,
    pub target: Option<Level>,
    pub unit: Option<String>,
    /// The words for the baseline, a measurement and the target.
    pub legend: [String; 3],
    /// A number as the site writes it.
    pub format: &'a dyn Fn(f64) -> String,
}

pub(super) struct Point {
    /// The period as written, below the point.
    pub label: String,
    pub value: f64,
    /// The number as the site writes it, above the point.
    pub text: String,
    pub baseline: bool,
}

/// A level drawn across the chart: the target.
pub(super) struct Level {
    pub value: f64,
    pub text: String,
}

/// The value axis: from `low` to `high` in steps of `step`.
struct Scale {
    low: f64,
    high: f64,
    step: f64,
}

/// Where things go: the plot area's left edge, the width of a point's place,
/// whether the periods are slanted, and the height of the whole.
struct Layout {
    left: f64,
    slot: f64,
    slanted: bool,
    /// The baseline of the legend's text.
    legend: f64,
    height: f64,
}

impl Layout {
    fn of(c: &Chart, scale: &Scale) -> Layout {
        let count = |t: &str| t.chars().count() as f64;
        let widest_number = (scale.ticks().into_iter())
            .map(|v| count(&(c.format)(v)))
            .fold(0.0, f64::max);
        let mut left = (widest_number * LETTER + 12.0).clamp(LEFT, WIDTH / 3.0);
        let longest = (c.points.iter())
            .map(|p| count(&p.label) * LETTER)
            .fold(0.0, f64::max);
        let slot = |left: f64| (RIGHT - left) / c.points.len().max(1) as f64;
        let slanted = longest > slot(left) - 4.0;
        let below = if slanted {
            // The first period, slanted, must not run out on the left.
            left = left
                .max(longest * SLANT.to_radians().cos() - 8.0)
                .min(WIDTH / 2.0);
            longest * SLANT.to_radians().sin() + FONT + 12.0
        } else {
            FONT + 12.0
        };
        let legend = BOTTOM + below + FONT + 8.0;
        Layout {
            left,
            slot: slot(left),
            slanted,
            legend,
            height: legend + 8.0,
        }
    }

    /// Where the `k`th point of value `v` is.
    fn at(&self, scale: &Scale, k: usize, v: f64) -> (f64, f64) {
        (self.left + (k as f64 + 0.5) * self.slot, scale.y(v))
    }
}

impl Scale {
    /// Round steps (1, 2, 2.5 or 5 times a power of ten) that hold every
    /// value; below zero only when a value is.
    fn of(values: impl Iterator<Item = f64>) -> Scale {
        let (min, max) = values.fold((f64::MAX, f64::MIN), |(l, h), v| (l.min(v), h.max(v)));
        let (mut low, mut high) = if min > max { (0.0, 1.0) } else { (min, max) };
        if low == high {
            let pad = (low.abs() * 0.1).max(1.0);
            (low, high) = (low - pad, high + pad);
        }
        let step = nice_step((high - low) / 4.0);
        let mut low = (low / step).floor() * step;
        let high = (high / step).ceil() * step;
        if low < 0.0 && min >= 0.0 {
            low = 0.0;
        }
        Scale { low, high, step }
    }

    /// The y coordinate of a value.
    fn y(&self, value: f64) -> f64 {
        BOTTOM - (value - self.low) / (self.high - self.low) * (BOTTOM - TOP)
    }

    /// The values of the grid lines, each rounded to the step's decimals.
    fn ticks(&self) -> Vec<f64> {
        let decimals = (-self.step.log10()).ceil().max(0.0) as usize + 1;
        let count = ((self.high - self.low) / self.step).round() as usize;
        (0..=count.min(20))
            .map(|k| self.low + k as f64 * self.step)
            .map(|v| format!("{v:.decimals$}").parse().unwrap_or(v))
            .collect()
    }
}

/// 1, 2, 2.5, 5 or 10 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let magnitude = 10f64.powf(raw.log10().floor());
    let norm = raw / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0]
        .into_iter()
        .find(|n| norm <= *n)
        .unwrap_or(10.0);
    nice * magnitude
}

/// A number for an SVG attribute.
fn n(x: f64) -> String {
    let text = format!("{x:.1}");
    text.strip_suffix(".0").map_or(text.clone(), str::to_string)
}

/// The chart as an `<svg>` element.
pub(super) fn svg(c: &Chart) -> String {
    let values = c.points.iter().map(|p| p.value);
    let scale = Scale::of(values.chain(c.target.iter().map(|t| t.value)));
    let layout = Layout::of(c, &scale);
    let id = xml_escape(c.id);
    let mut out = format!(
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"chart-title-{id} chart-desc-{id}\" \
         viewBox=\"0 0 {} {}\" width=\"100%\" font-size=\"{}\">\
         <title id=\"chart-title-{id}\">{}</title><desc id=\"chart-desc-{id}\">{}</desc>",
        n(WIDTH),
        n(layout.height),
        n(FONT),
        xml_escape(&c.title),
        xml_escape(&c.desc)
    );
    grid(&mut out, c, &scale, &layout);
    series(&mut out, c, &scale, &layout);
    if let Some(t) = &c.target {
        // Its label on the left, where the values are mostly far from it.
        let y = scale.y(t.value);
        out.push_str(&format!(
            "<g class=\"chart-target\"><line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" \
             stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\
             <text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text></g>",
            n(layout.left),
            n(RIGHT),
            n(y),
            n(y),
            n(layout.left + 4.0),
            n(y - 6.0),
            xml_escape(&t.text)
        ));
    }
    legend(&mut out, c, &layout);
    out.push_str("</svg>");
    out
}

/// The value axis: grid lines with their numbers, and the unit above them.
fn grid(out: &mut String, c: &Chart, scale: &Scale, layout: &Layout) {
    out.push_str("<g class=\"chart-grid\">");
    for v in scale.ticks() {
        let y = n(scale.y(v));
        out.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.2\"/>\
             <text x=\"{}\" y=\"{y}\" dy=\"0.35em\" text-anchor=\"end\">{}</text>",
            n(layout.left),
            n(RIGHT),
            n(layout.left - 6.0),
            xml_escape(&(c.format)(v))
        ));
    }
    if let Some(unit) = &c.unit {
        out.push_str(&format!(
            "<text x=\"4\" y=\"{}\">{}</text>",
            n(FONT + 2.0),
            xml_escape(unit)
        ));
    }
    out.push_str("</g>");
}

/// The line through the points, each point's shape, its number above and
/// its period below (slanted when the periods are too long to stand side
/// by side).
fn series(out: &mut String, c: &Chart, scale: &Scale, layout: &Layout) {
    let line: Vec<String> = (c.points.iter().enumerate())
        .map(|(k, p)| {
            let (x, y) = layout.at(scale, k, p.value);
            format!("{},{}", n(x), n(y))
        })
        .collect();
    out.push_str(&format!(
        "<g class=\"chart-series\"><polyline points=\"{}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>",
        line.join(" ")
    ));
    for (k, p) in c.points.iter().enumerate() {
        let (x, y) = layout.at(scale, k, p.value);
        out.push_str(&mark(x, y, p.baseline));
        let below = BOTTOM + FONT + 6.0;
        let period = if layout.slanted {
            format!(
                "text-anchor=\"end\" transform=\"rotate(-{} {} {})\"",
                n(SLANT),
                n(x),
                n(below)
            )
        } else {
            "text-anchor=\"middle\"".to_string()
        };
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\
             <text x=\"{}\" y=\"{}\" {period}>{}</text>",
            n(x),
            n(y - 10.0),
            xml_escape(&p.text),
            n(x),
            n(below),
            xml_escape(&p.label)
        ));
    }
    out.push_str("</g>");
}

/// A hollow square for the baseline, a dot for a measurement.
fn mark(x: f64, y: f64, baseline: bool) -> String {
    if baseline {
        format!(
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>",
            n(x - 5.0),
            n(y - 5.0)
        )
    } else {
        format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"currentColor\"/>",
            n(x),
            n(y)
        )
    }
}

/// The shapes and the dashed line, each with its word.
fn legend(out: &mut String, c: &Chart, layout: &Layout) {
    let y = layout.legend;
    let [baseline, measurement, target] = &c.legend;
    let has_baseline = c.points.iter().any(|p| p.baseline);
    let mut x = 4.0;
    out.push_str("<g class=\"chart-legend\">");
    if has_baseline {
        out.push_str(&mark(x + 5.0, y - 4.0, true));
        out.push_str(&legend_text(x + 16.0, y, baseline));
        x += 26.0 + LETTER * baseline.chars().count() as f64;
    }
    out.push_str(&mark(x + 5.0, y - 4.0, false));
    out.push_str(&legend_text(x + 16.0, y, measurement));
    x += 26.0 + LETTER * measurement.chars().count() as f64;
    if c.target.is_some() {
        out.push_str(&format!(
            "<line x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"currentColor\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>",
            n(x),
            n(x + 22.0),
            n(y - 4.0),
            n(y - 4.0)
        ));
        out.push_str(&legend_text(x + 28.0, y, target));
    }
    out.push_str("</g>");
}

fn legend_text(x: f64, y: f64, text: &str) -> String {
    format!(
        "<text x=\"{}\" y=\"{}\">{}</text>",
        n(x),
        n(y),
        xml_escape(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_holds_every_value_in_round_steps() {
        let s = Scale::of([62.0, 64.5, 66.0, 75.0].into_iter());
        assert!(s.low <= 62.0 && s.high >= 75.0, "{} {}", s.low, s.high);
        assert!([1.0, 2.0, 2.5, 5.0, 10.0].contains(&s.step), "{}", s.step);
        let one = Scale::of([12.0].into_iter());
        assert!(one.low < 12.0 && one.high > 12.0);
        assert_eq!(Scale::of([0.1, 0.2, 0.3].into_iter()).ticks()[1], 0.15);
    }

    #[test]
    fn the_chart_is_an_image_with_words_and_shapes() {
        let format = |v: f64| v.to_string().replace('.', ",");
        let c = Chart {
            id: "x",
            title: "Andel <i>".into(),
            desc: "Højere er bedre.".into(),
            points: vec![
                Point {
                    label: "2023".into(),
                    value: 62.0,
                    text: "62".into(),
                    baseline: true,
                },
                Point {
                    label: "2024".into(),
                    value: 64.5,
                    text: "64,5".into(),
                    baseline: false,
                },
            ],
            target: Some(Level {
                value: 75.0,
                text: "Mål: 75".into(),
            }),
            unit: Some("%".into()),
            legend: ["Udgangspunkt".into(), "Måling".into(), "Mål".into()],
            format: &format,
        };
        let svg = svg(&c);
        assert!(svg.starts_with("<svg class=\"chart\" role=\"img\""));
        assert!(svg.contains("<title id=\"chart-title-x\">Andel &lt;i&gt;</title>"));
        assert!(svg.contains("<desc id=\"chart-desc-x\">Højere er bedre.</desc>"));
        assert!(svg.contains("<rect ") && svg.contains("<circle "));
        assert!(svg.contains(">64,5</text>") && svg.contains(">Mål: 75</text>"));
        assert!(svg.contains("stroke-dasharray"));
        assert!(!svg.contains("rotate("), "short periods stand upright");
    }

    #[test]
    fn long_periods_are_slanted_and_stay_inside_the_drawing() {
        let format = |v: f64| v.to_string();
        let points = (1..=6)
            .map(|q| Point {
                label: format!("{q}. kvartal 2024"),
                value: f64::from(q),
                text: q.to_string(),
                baseline: false,
            })
            .collect();
        let c = Chart {
            id: "q",
            title: String::new(),
            desc: String::new(),
            points,
            target: None,
            unit: None,
            legend: Default::default(),
            format: &format,
        };
        let scale = Scale::of(c.points.iter().map(|p| p.value));
        let layout = Layout::of(&c, &scale);
        assert!(layout.slanted);
        let reach = 15.0 * LETTER * SLANT.to_radians().cos();
        assert!(
            layout.left + layout.slot / 2.0 - reach > -10.0,
            "{}",
            layout.left
        );
        assert!(svg(&c).contains("transform=\"rotate(-40 "));
    }
}
