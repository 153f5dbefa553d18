//! Hyperband (Li et al., 2018): a bandit-based search that stops poor trials early. Each bracket
//! starts many random configurations on few epochs and keeps the best `1/η` of them at each round
//! of successive halving, with `η` times the epochs; brackets differ in how many configurations
//! they start and how few epochs they give them at first. The paper's outer loop runs the
//! brackets one after another; here it goes round them again with new configurations while the
//! budget holds a whole bracket, and starts no bracket it cannot finish (a half-run bracket would
//! train configurations that are never compared). (The note calls it "超参数调度", a
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

/// The epochs one whole bracket spends: `Σ n_i · r_i` over its rounds.
pub fn bracket_cost(bracket: &[(usize, usize)]) -> usize {
    bracket.iter().map(|(n, r)| n * r).sum()
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
    /// The bracket running (an index into `plan`, which the outer loop goes round), and
    /// whether the search has stopped (the next bracket does not fit the budget left).
    bracket: usize,
    done: bool,
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
        let mut h = Self {
            space: space.clone(),
            eta: eta.max(2),
            rng: Rng::new(seed),
            budget: Budget::new(budget),
            plan,
            bracket: 0,
            done: false,
            round: 0,
            members: vec![],
            rounds: vec![],
        };
        h.open(0);
        h
    }

    /// Starts bracket `b` with fresh configurations, or stops if it does not fit the budget left.
    fn open(&mut self, b: usize) {
        let Some(bracket) = self.plan.get(b) else {
            self.done = true;
            return;
        };
        if bracket_cost(bracket) > self.budget.total - self.budget.spent {
            self.done = true;
            return;
        }
        self.bracket = b;
        self.round = 0;
        self.members = (0..bracket[0].0).map(|_| (self.space.sample(&mut self.rng), None, None)).collect();
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
        self.open((self.bracket + 1) % self.plan.len());
        !self.done
    }
}

impl Strategy for Hyperband {
    fn ask(&mut self) -> Option<Ask> {
        if self.done {
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

    /// The epochs of the whole brackets the budget holds, going round them in order.
    fn planned(&self) -> usize {
        let mut total = 0;
        for bracket in self.plan.iter().cycle() {
            let cost = bracket_cost(bracket);
            if cost == 0 || total + cost > self.budget.total {
                break;
            }
            total += cost;
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
    fn only_whole_brackets_run_and_the_outer_loop_goes_round_them() {
        let space = Space::note();
        assert_eq!(brackets(9, 3).iter().map(|b| bracket_cost(b)).collect::<Vec<_>>(), [27, 24, 27]);
        let spent = |budget: usize| {
            let mut h = Hyperband::new(&space, 9, 3, budget, 1);
            super::super::tests::run(&mut h, |p| p[0]);
            assert_eq!(h.spent(), h.planned(), "budget {budget}");
            (h.spent(), h.rounds.iter().map(|r| r.bracket).collect::<Vec<_>>())
        };
        // 26 epochs hold no bracket; 30 hold bracket 0 (27) and not bracket 1 (24 more).
        assert_eq!(spent(26).0, 0);
        assert_eq!(spent(30), (27, vec![0, 0, 0]));
        assert_eq!(spent(78).0, 78, "one pass over the three brackets");
        // Past one pass the loop starts again at bracket 0 with new configurations; 150 epochs
        // hold brackets 0 and 1 of the second pass (129), not bracket 2 as well (156).
        let (total, order) = spent(150);
        assert_eq!(total, 78 + 27 + 24);
        assert_eq!(order, [0, 0, 0, 1, 1, 2, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn successive_halving_keeps_the_best_and_stops_the_rest() {
        let space = Space::note();
        let mut h = Hyperband::new(&space, 9, 3, 78, 2);
        let score = |p: &[f64]| p[0];
        let asked = super::super::tests::run(&mut h, score);
        // Bracket 0: 9 trials of 1 epoch, 3 of 3, 1 of 9; bracket 1: 5 of 3, 1 of 9; bracket 2: 3 of 9.
        let epochs: Vec<usize> = asked.iter().map(|a| a.epochs).collect();
        let count = |e| epochs.iter().filter(|&&x| x == e).count();
        assert_eq!((count(1), count(3), count(9)), (9, 8, 5));
        assert_eq!(h.spent(), 9 + 8 * 3 + 5 * 9);
        assert_eq!(h.planned(), h.spent(), "the plan fits the budget");
        assert_eq!(h.rounds.len() % 6, 0, "whole brackets only: 3 + 2 + 1 rounds a pass");
        let first = &h.rounds[0];
        assert_eq!((first.scored.len(), first.keep), (9, 3));
        let second = &h.rounds[1];
        // The three kept are the three best of the first round.
        let kept: Vec<&Point> = first.scored.iter().take(3).map(|(p, _)| p).collect();
        assert!(second.scored.iter().all(|(p, _)| kept.contains(&p)));
    }
}
