//! Hyperband (Li et al., 2018): a bandit-based search that stops poor trials early. Each bracket
//! starts many random configurations on few epochs and keeps the best `1/η` of them at each round
//! of successive halving, with `η` times the epochs; brackets differ in how many configurations
//! they start and how few epochs they give them at first. (The note calls it "超参数调度", a
//! hyperparameter schedule; it is a search with early stopping.)

use super::{Ask, Budget, Point, Space, Strategy};
use crate::rng::Rng;

/// The brackets for at most `max_epochs` a trial and halving rate `eta`: for each bracket `s`
/// (from `s_max` down to 0), its rounds as `(n_i, r_i)`: configurations and epochs each. With
/// `R = 81, η = 3` this is Table 1 of the paper.
pub fn brackets(max_epochs: usize, eta: usize) -> Vec<Vec<(usize, usize)>> {
    let (r_max, eta) = (max_epochs.max(1) as f64, eta.max(2) as f64);
    // The largest s with η^s ≤ R, computed exactly on integers.
    let mut s_max = 0;
    while (eta as usize).pow(s_max + 1) <= max_epochs.max(1) {
        s_max += 1;
    }
    (0..=s_max)
        .rev()
        .map(|s| {
            let n = ((s_max + 1) as f64 / (s + 1) as f64 * eta.powi(s as i32)).ceil();
            let r = r_max * eta.powi(-(s as i32));
            (0..=s)
                .map(|i| {
                    let n_i = (n * eta.powi(-(i as i32))).floor() as usize;
                    let r_i = (r * eta.powi(i as i32)).round().max(1.0) as usize;
                    (n_i.max(1), r_i)
                })
                .collect()
        })
        .collect()
}

/// One configuration in a round: its point, trial id once asked, score once told.
type Member = (Point, Option<usize>, Option<f64>);

/// Hyperband over `space`, trials restarted from scratch at each round's epochs.
pub struct Hyperband {
    space: Space,
    eta: usize,
    rng: Rng,
    budget: Budget,
    plan: Vec<Vec<(usize, usize)>>,
    bracket: usize,
    round: usize,
    members: Vec<Member>,
    /// Every finished round: bracket, round, epochs, and each member's point and score, best
    /// first; those past `keep` were stopped there.
    pub rounds: Vec<Round>,
}

/// A finished round of successive halving.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    pub bracket: usize,
    pub round: usize,
    pub epochs: usize,
    pub scored: Vec<(Point, f64)>,
    /// How many go on to the next round (0 in a bracket's last round).
    pub keep: usize,
}

impl Hyperband {
    pub fn new(space: &Space, max_epochs: usize, eta: usize, budget: usize, seed: u64) -> Self {
        let plan = brackets(max_epochs, eta);
        let mut rng = Rng::new(seed);
        let members =
            plan.first().map_or(vec![], |b| (0..b[0].0).map(|_| (space.sample(&mut rng), None, None)).collect());
        Self {
            space: space.clone(),
            eta: eta.max(2),
            rng,
            budget: Budget::new(budget),
            plan,
            bracket: 0,
            round: 0,
            members,
            rounds: vec![],
        }
    }

    /// Closes the current round and opens the next (or the next bracket).
    fn advance(&mut self) -> bool {
        let epochs = self.plan[self.bracket][self.round].1;
        let mut scored: Vec<(Point, f64)> =
            self.members.iter().map(|(p, _, s)| (p.clone(), s.unwrap_or(f64::NEG_INFINITY))).collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let last = self.round + 1 >= self.plan[self.bracket].len();
        let keep = if last { 0 } else { self.plan[self.bracket][self.round + 1].0.min(scored.len() / self.eta).max(1) };
        self.rounds.push(Round { bracket: self.bracket, round: self.round, epochs, scored: scored.clone(), keep });
        if !last {
            self.round += 1;
            self.members = scored.into_iter().take(keep).map(|(p, _)| (p, None, None)).collect();
            return true;
        }
        self.bracket += 1;
        self.round = 0;
        let Some(b) = self.plan.get(self.bracket) else { return false };
        self.members = (0..b[0].0).map(|_| (self.space.sample(&mut self.rng), None, None)).collect();
        true
    }
}

impl Strategy for Hyperband {
    fn ask(&mut self) -> Option<Ask> {
        if self.bracket >= self.plan.len() {
            return None;
        }
        if !self.members.is_empty() && self.members.iter().all(|m| m.2.is_some()) && !self.advance() {
            return None;
        }
        let i = self.members.iter().position(|m| m.1.is_none())?;
        let epochs = self.plan[self.bracket][self.round].1;
        let ask = self.budget.ask(self.members[i].0.clone(), epochs)?;
        self.members[i].1 = Some(ask.id);
        Some(ask)
    }

    fn tell(&mut self, id: usize, score: f64) {
        if let Some(m) = self.members.iter_mut().find(|m| m.1 == Some(id)) {
            m.2 = Some(score);
        }
    }

    fn spent(&self) -> usize {
        self.budget.spent
    }

    /// The epochs of the planned brackets, as far as the budget holds whole trials (the trials
    /// are asked in the plan's order).
    fn planned(&self) -> usize {
        let mut total = 0;
        for (n, r) in self.plan.iter().flatten() {
            for _ in 0..*n {
                if total + r > self.budget.total {
                    return total;
                }
                total += r;
            }
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_brackets_are_the_papers_table() {
        // Li et al. (2018), Table 1: R = 81, η = 3.
        assert_eq!(
            brackets(81, 3),
            [
                vec![(81, 1), (27, 3), (9, 9), (3, 27), (1, 81)],
                vec![(34, 3), (11, 9), (3, 27), (1, 81)],
                vec![(15, 9), (5, 27), (1, 81)],
                vec![(8, 27), (2, 81)],
                vec![(5, 81)],
            ]
        );
        assert_eq!(brackets(9, 3), [vec![(9, 1), (3, 3), (1, 9)], vec![(5, 3), (1, 9)], vec![(3, 9)]]);
    }

    #[test]
    fn successive_halving_keeps_the_best_and_stops_the_rest() {
        let space = Space::note();
        let mut h = Hyperband::new(&space, 9, 3, 10_000, 2);
        let score = |p: &[f64]| p[0];
        let asked = super::super::tests::run(&mut h, score);
        // Bracket 0: 9 trials of 1 epoch, 3 of 3, 1 of 9; bracket 1: 5 of 3, 1 of 9; bracket 2: 3 of 9.
        let epochs: Vec<usize> = asked.iter().map(|a| a.epochs).collect();
        let count = |e| epochs.iter().filter(|&&x| x == e).count();
        assert_eq!((count(1), count(3), count(9)), (9, 8, 5));
        assert_eq!(h.spent(), 9 + 8 * 3 + 5 * 9);
        assert_eq!(h.planned(), h.spent(), "the plan fits the budget");
        let first = &h.rounds[0];
        assert_eq!((first.scored.len(), first.keep), (9, 3));
        let second = &h.rounds[1];
        // The three kept are the three best of the first round.
        let kept: Vec<&Point> = first.scored.iter().take(3).map(|(p, _)| p).collect();
        assert!(second.scored.iter().all(|(p, _)| kept.contains(&p)));
    }
}
