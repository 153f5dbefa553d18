//! 生成对抗网络 — GANs: a generator G against a discriminator D, first in the plane (real points
//! from a ring, two moons, a spiral or the student's drawing; D's verdict as a heat map behind
//! both kinds of samples, where G's gradient pushes each, both losses, mode collapse named),
//! then on real digits (G(z) for fixed noise improving, a fixed classifier judging when the
//! digits become recognisable, a conditional version, interpolation between two z).

use engine::data::SplitSpec;
use engine::nn::Stack;
use engine::tasks::{DigitsTask, GanData, GanTask, Generated, TaskSpec};
use engine::train::{Optimizer, TrainConfig};
use leptos::prelude::*;

use crate::components::disclosure::Deeper;
use crate::components::steps::{Step, Steps};
use crate::i18n::tr;
use crate::url_state::{read, text_state, use_query_state};

mod digits;
mod experiment;
mod plane;
mod text;

use digits::DigitsGan;
use experiment::Experiment;
use plane::PlaneGan;
use text as t;

pub fn page() -> AnyView {
    view! { <Gan /> }.into_any()
}

/// The lesson at a glance: its key points and its summary (the frame shows them).
pub static GLANCE: super::Glance = super::Glance { key_points: &t::KEY_POINTS, summary: &t::RECAP };

/// The plane the 2-D GAN lives in (the engine reports D's surface over the same square).
pub const BOUNDS: f32 = 1.6;
/// Drawn points: at least this many to train, at most this many kept.
pub const MIN_POINTS: usize = 10;
pub const MAX_POINTS: usize = 300;
/// Real points drawn from the chosen distribution.
const PLANE_POINTS: usize = 1024;
/// Batch size of both GANs.
pub const BATCH: usize = 64;
/// Adam as DCGAN uses it (Radford et al., 2016): β₁ = 0.5.
const GAN_ADAM: Optimizer = Optimizer::Adam { beta1: 0.5, beta2: 0.999 };
/// The digits GAN: the hidden width of both MLPs.
pub const DIGITS_HIDDEN: usize = 128;
/// The judge: a small MLP trained on real digits before the digits GAN.
const JUDGE: &str = "flatten,dense:128,relu,dense:10";
pub const JUDGE_EPOCHS: usize = 2;
/// The name the judge is kept under in the worker.
pub const JUDGE_NAME: &str = "judge";

text_state! {
    struct State {
        /// The step shown (counted from 1).
        step: "step" = "1",
        /// The plane's real data: ring, moons, spiral or drawn.
        data: "data" = "ring",
        modes: "modes" = "8" => usize: parse_int(2, 12),
        /// Drawn points, `x,y` pairs joined by `;`.
        pts: "pts" = "",
        glr: "glr" = "0.001" => f64: parse_positive(1.0),
        dlr: "dlr" = "0.001" => f64: parse_positive(1.0),
        k: "k" = "1" => usize: parse_int(1, 10),
        z: "z" = "2" => usize: parse_int(1, 16),
        width: "width" = "64" => usize: parse_int(4, 256),
        steps: "steps" = "3000" => usize: parse_int(100, 50_000),
        /// The 2-D GAN's seed: its real points, both networks' first weights and the noise.
        seed: "seed" = "1" => u64: parse_int(0, 1_000_000),
        /// Digits: conditional ("1") or not.
        cond: "cond" = "1",
        dz: "dz" = "64" => usize: parse_int(2, 128),
        /// The digits GAN's learning rate, for G and D alike.
        drate: "drate" = "0.002" => f64: parse_positive(1.0),
        dsteps: "dsteps" = "3000" => usize: parse_int(100, 50_000),
        /// The experiment: labelled digits, generated digits, GAN steps, classifier epochs.
        n: "n" = "300" => usize: parse_int(100, 2000),
        extra: "gen" = "1000" => usize: parse_int(100, 5000),
        gsteps: "gsteps" = "3000" => usize: parse_int(100, 50_000),
        epochs: "epochs" = "15" => usize: parse_int(1, 50),
        from: "from" = "1" => usize: parse_int(1, 20),
        to: "to" = "12" => usize: parse_int(1, 20),
    }
}

impl State {
    /// The drawn points that could be read (inside the plane), and how many could not.
    fn points(&self) -> (Vec<[f32; 2]>, usize) {
        let mut skipped = 0;
        let points = self
            .pts
            .split(';')
            .filter(|p| !p.trim().is_empty())
            .filter_map(|p| {
                let point = p
                    .split_once(',')
                    .and_then(|(x, y)| Some([x.trim().parse::<f32>().ok()?, y.trim().parse::<f32>().ok()?]));
                match point {
                    Some(p) if p.iter().all(|v| v.is_finite() && v.abs() <= BOUNDS) => Some(p),
                    _ => {
                        skipped += 1;
                        None
                    }
                }
            })
            .take(MAX_POINTS)
            .collect();
        (points, skipped)
    }

    /// Adds a drawn point (rounded to two decimals, as the address keeps it).
    fn add_point(&mut self, p: [f32; 2]) {
        let (mut points, _) = self.points();
        if points.len() >= MAX_POINTS {
            return;
        }
        points.push(p.map(|v| (v.clamp(-BOUNDS, BOUNDS) * 100.0).round() / 100.0));
        self.set_points(&points);
    }

    /// Takes back the last drawn point.
    fn remove_last_point(&mut self) {
        let (mut points, _) = self.points();
        points.pop();
        self.set_points(&points);
    }

    fn set_points(&mut self, points: &[[f32; 2]]) {
        self.pts = points.iter().map(|[x, y]| format!("{x},{y}")).collect::<Vec<_>>().join(";");
    }

    fn drawn(&self) -> bool {
        self.data == "drawn"
    }

    fn conditional(&self) -> bool {
        self.cond != "0"
    }

    /// The plane's real data, or `None` while too few points are drawn.
    fn gan_data(&self) -> Option<GanData> {
        Some(match self.data.as_str() {
            "moons" => GanData::Moons { std: 0.05 },
            "spiral" => GanData::Spiral { std: 0.03 },
            "drawn" => {
                let (points, _) = self.points();
                (points.len() >= MIN_POINTS).then_some(GanData::Points(points))?
            }
            _ => GanData::Ring { modes: self.modes().ok()?, radius: 1.0, std: 0.05 },
        })
    }
}

/// The 2-D GAN's run: `steps` generator steps over the real points, 10% of them held out.
fn plane_config(st: &State) -> Option<TrainConfig> {
    let data = st.gan_data()?;
    let n = match &data {
        GanData::Points(p) => p.len(),
        _ => PLANE_POINTS,
    };
    let train = n - n / 10;
    let batch_size = BATCH.min(train);
    let mut task = GanTask::plane(data, st.z().ok()?, st.width().ok()?);
    debug_assert_eq!(task.points, PLANE_POINTS);
    task.d_steps = st.k().ok()?;
    task.d_learning_rate = st.dlr().ok()?;
    Some(TrainConfig {
        task: TaskSpec::Gan(task),
        optimizer: GAN_ADAM,
        learning_rate: st.glr().ok()?,
        batch_size,
        epochs: st.steps().ok()?.div_ceil(train.div_ceil(batch_size)),
        seed: st.seed().ok()?,
        ..TrainConfig::default()
    })
}

/// The judge: a small classifier of real digits, trained before the digits GAN and kept.
fn judge_config() -> TrainConfig {
    let split = SplitSpec { train: 8000, validation: 1000, test: 1000, holdout: 0 };
    let stack = Stack::digits(JUDGE).expect("the judge's network is valid");
    TrainConfig { epochs: JUDGE_EPOCHS, ..TrainConfig::digits(DigitsTask::new(stack, split)) }
}

/// The name the experiment's generator is kept under in its worker.
pub const GENERATOR_NAME: &str = "generator";

/// The experiment's split: the few labelled digits, and validation and test digits that neither
/// the GAN nor the classifiers train on.
fn few(st: &State) -> Option<SplitSpec> {
    Some(SplitSpec { train: st.n().ok()?, validation: 500, test: 1000, holdout: 0 })
}

/// The experiment's GAN: the digits GAN's settings (conditional, no judge), on the few digits.
fn few_gan_config(st: &State) -> Option<TrainConfig> {
    let split = few(st)?;
    let mut task = GanTask::digits(None, st.dz().ok()?, DIGITS_HIDDEN, true);
    task.d_learning_rate = st.drate().ok()?;
    task.only_train_of = Some(split);
    // The GAN holds a tenth of its real digits out for D's score.
    let per_epoch = (split.train - split.train / 10).div_ceil(BATCH);
    Some(TrainConfig {
        task: TaskSpec::Gan(task),
        optimizer: GAN_ADAM,
        learning_rate: st.drate().ok()?,
        batch_size: BATCH,
        epochs: st.gsteps().ok()?.div_ceil(per_epoch),
        ..TrainConfig::default()
    })
}

/// Steps of one pass over the few real digits (batches of 32, the classifiers' default).
fn real_epoch_steps(st: &State) -> Option<usize> {
    Some(st.n().ok()?.div_ceil(32))
}

/// The three classifiers: the note's CNN on the few digits alone, with supervised
/// augmentation, and with the kept generator's digits added. All three train the same number of
/// steps (the chosen epochs over the real digits), so the extra digits are not extra training.
fn classifier_configs(st: &State) -> Option<Vec<TrainConfig>> {
    let (split, count) = (few(st)?, st.extra().ok()?);
    let steps = st.epochs().ok()? * real_epoch_steps(st)?;
    let base = DigitsTask::new(Stack::note_cnn(), split);
    let tasks = [
        base.clone(),
        DigitsTask { augment: crate::lessons::augmentation::default_augment(), ..base.clone() },
        DigitsTask { generated: Some(Generated { generator: GENERATOR_NAME.into(), count }), ..base },
    ];
    // Every epoch has at least one step, so `steps` epochs always reach the step budget.
    Some(
        tasks
            .into_iter()
            .map(|task| TrainConfig { epochs: steps, max_steps: Some(steps), ..TrainConfig::digits(task) })
            .collect(),
    )
}

/// The digits the digits GAN trains on, and those it holds out (a tenth) to score D.
pub const GAN_TRAIN: usize = engine::mnist::SHIPPED - GAN_HELD_OUT;
pub const GAN_HELD_OUT: usize = engine::mnist::SHIPPED / 10;

/// The digits GAN, judged by the kept judge.
fn digits_config(st: &State) -> Option<TrainConfig> {
    let mut task = GanTask::digits(None, st.dz().ok()?, DIGITS_HIDDEN, st.conditional());
    task.judge = Some(JUDGE_NAME.into());
    task.d_learning_rate = st.drate().ok()?;
    let per_epoch = GAN_TRAIN.div_ceil(BATCH);
    Some(TrainConfig {
        task: TaskSpec::Gan(task),
        optimizer: GAN_ADAM,
        learning_rate: st.drate().ok()?,
        batch_size: BATCH,
        epochs: st.dsteps().ok()?.div_ceil(per_epoch),
        ..TrainConfig::default()
    })
}

#[component]
fn Gan() -> impl IntoView {
    let state = use_query_state::<State>();
    let steps = vec![
        Step::new(t::STEP_PLANE, move || view! { <PlaneGan state=state /> }.into_any()),
        Step::new(t::STEP_DIGITS, move || {
            view! {
                <section class="lesson-intro"><Deeper><p>{tr(t::INTRO)}</p></Deeper></section>
                <DigitsGan state=state />
            }
            .into_any()
        }),
        Step::new(t::STEP_EXPERIMENT, move || view! { <Experiment state=state /> }.into_any()),
    ];
    view! { <Steps current=read(state, |s| s.step.clone()) on_choose=move |v| state.update(|s| s.step = v) steps=steps /> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::url_state::{Query, QueryState};

    #[test]
    fn drawn_points_round_trip_and_bad_ones_are_counted() {
        let mut st = State::default();
        st.add_point([0.123, -1.0]);
        st.add_point([9.0, 0.5]);
        assert_eq!(st.pts, "0.12,-1;1.6,0.5");
        st.add_point([0.5, 0.5]);
        st.remove_last_point();
        let q = st.to_query();
        let back = State::from_query(&Query::from_pairs(q.iter().map(|(k, v)| (*k, v.as_str()))));
        assert_eq!(back, st);
        let odd = State::from_query(&Query::from_pairs([("data", "drawn"), ("pts", "0.1,0.2;x,1;5,5;;0.3")]));
        assert_eq!(odd.points(), (vec![[0.1, 0.2]], 3));
        assert!(plane_config(&odd).is_none(), "too few points to train");
    }

    #[test]
    fn the_plane_run_follows_the_controls() {
        let st = State::from_query(&Query::from_pairs([("k", "3"), ("z", "4"), ("glr", "0.002"), ("steps", "1000")]));
        let c = plane_config(&st).unwrap();
        let TaskSpec::Gan(task) = &c.task else { panic!() };
        assert_eq!((task.d_steps, task.noise, c.learning_rate), (3, 4, 0.002));
        // 1024 points, 922 to train on: 15 steps an epoch, 67 epochs for at least 1000 steps.
        assert_eq!((c.batch_size, c.epochs), (64, 67));
        assert!(plane_config(&State::from_query(&Query::from_pairs([("modes", "40")]))).is_none());
        let drawn = (0..12).fold(State { data: "drawn".into(), ..State::default() }, |mut s, i| {
            s.add_point([i as f32 / 10.0, 0.0]);
            s
        });
        let c = plane_config(&drawn).unwrap();
        assert_eq!(c.batch_size, 11, "a batch is at most the 11 training points");
    }

    #[test]
    fn the_digits_run_is_judged_by_the_kept_judge() {
        let c = digits_config(&State::default()).unwrap();
        let TaskSpec::Gan(task) = &c.task else { panic!() };
        assert!(task.conditional);
        assert_eq!(task.judge.as_deref(), Some(JUDGE_NAME));
        assert_eq!((task.d_learning_rate, c.learning_rate), (0.002, 0.002));
        assert_eq!(c.epochs, 3000usize.div_ceil(141));
        assert!(judge_config().digits_task().is_some());
    }

    #[test]
    fn the_experiment_compares_like_with_like() {
        let st = State::default();
        let gan = few_gan_config(&st).unwrap();
        let TaskSpec::Gan(task) = &gan.task else { panic!() };
        let lanes = classifier_configs(&st).unwrap();
        // The GAN learns from exactly the classifiers' training digits: same split, same seed.
        assert_eq!(task.only_train_of, Some(lanes[0].digits_task().unwrap().split));
        // 15 epochs over 300 digits: 150 steps for each of the three.
        assert!(lanes.iter().all(|c| c.seed == gan.seed && c.max_steps == Some(150)));
        // 300 digits, 270 for the GAN to learn from: 5 steps an epoch, 600 epochs for 3000 steps.
        assert_eq!(gan.epochs, 600);
        let only = |c: &TrainConfig| {
            let mut t = c.digits_task().unwrap().clone();
            (t.augment.is_empty(), t.generated.take().map(|g| g.count), t)
        };
        let (a, b, c) = (only(&lanes[0]), only(&lanes[1]), only(&lanes[2]));
        assert_eq!((a.0, a.1), (true, None));
        assert_eq!((b.0, b.1), (false, None));
        assert_eq!((c.0, c.1), (true, Some(1000)));
        assert_eq!(a.2, c.2, "the generated lane differs only by its extra digits");
    }
}
