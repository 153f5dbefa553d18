//! One row of the layer table: its kind, its arguments as editable fields, and what the layer
//! does to the shape, or why it cannot.

use leptos::prelude::*;

use super::{BRANCHES, Row, RowError, RowResult, State, formula, kind_of, offered, shape_text, t};
use crate::i18n::use_lang;
use crate::vocabulary::{arg_label, kind_name, shape_error};

/// One row of the table: kind, arguments, and what the layer does.
#[component]
pub(super) fn LayerRow(
    state: RwSignal<State>,
    results: Memo<Result<Vec<RowResult>, ()>>,
    index: usize,
) -> impl IntoView {
    let lang = use_lang();
    let row = move || state.with(|s| s.rows.get(index).cloned());
    let result = move || results.with(|r| r.as_ref().ok().and_then(|r| r.get(index).cloned()));
    let kind_select = move || {
        let current = row()?.kind.token;
        Some(view! {
            <select aria-label=move || t::COL_LAYER.get(lang.get()) on:change=move |ev| {
                if let Some(kind) = kind_of(&event_target_value(&ev)) {
                    state.update(|s| s.rows[index] = Row::new(kind));
                }
            }>
                {offered().map(|k| view! { <option value=k.token selected=k.token == current>{move || kind_name(k.token).get(lang.get())}</option> }).collect_view()}
            </select>
        })
    };
    let args = move || {
        let r = row()?;
        let errs = match result() {
            Some(RowResult::Bad(RowError::Args(e))) => e,
            _ => vec![],
        };
        if r.kind.token == BRANCHES {
            let value = r.args.first().cloned().unwrap_or_default();
            return Some(
                view! {
                    <label class="arg wide">
                        <span>{move || t::BRANCHES.get(lang.get())}</span>
                        <input type="text" prop:value=value on:input=move |ev| {
                            let v = event_target_value(&ev).replace(['[', ']'], "");
                            state.update(|s| if let Some(a) = s.rows.get_mut(index).and_then(|r| r.args.get_mut(0)) { *a = v });
                        } />
                    </label>
                }
                .into_any(),
            );
        }
        Some(
            r.kind
                .args
                .iter()
                .enumerate()
                .map(|(j, arg)| {
                    let bad = errs.get(j).copied().flatten();
                    let value = r.args.get(j).cloned().unwrap_or_default();
                    let label = arg_label(arg.key);
                    view! {
                        <label class="arg" class:invalid=bad.is_some() title=move || bad.map(|e| e.message(lang.get()))>
                            <span>{move || label.get(lang.get())}</span>
                            <input
                                type="text"
                                inputmode="decimal"
                                prop:value=value
                                on:input=move |ev| {
                                    let v = event_target_value(&ev).replace([',', ':'], "");
                                    state.update(|s| if let Some(a) = s.rows.get_mut(index).and_then(|r| r.args.get_mut(j)) { *a = v });
                                }
                            />
                        </label>
                    }
                })
                .collect_view()
                .into_any(),
        )
    };
    let cells = move || {
        let lang = lang.get();
        match result() {
            Some(RowResult::Ok(info)) => view! {
                <td class="shape">{shape_text(info.output)}</td>
                <td class="num">{info.params}</td>
                <td class="how">{formula(lang, &info)}</td>
            }
            .into_any(),
            Some(RowResult::Bad(RowError::Args(errs))) => {
                let msg = errs.iter().flatten().next().map(|e| e.message(lang)).unwrap_or_default();
                view! { <td colspan="3" class="row-error" role="alert">{msg}</td> }.into_any()
            }
            Some(RowResult::Bad(RowError::Branches(kind)) | RowResult::Breaks(kind)) => {
                view! { <td colspan="3" class="row-error" role="alert">{shape_error(lang, &kind)}</td> }.into_any()
            }
            _ => view! { <td colspan="3" class="unreached">"—"</td> }.into_any(),
        }
    };
    let status = move || match result() {
        Some(RowResult::Ok(_)) => "ok",
        Some(RowResult::Unreached) | None => "unreached",
        _ => "broken",
    };
    let len = move || state.with(|s| s.rows.len());
    view! {
        <tr data-row=index data-status=status>
            <td>{index + 1}</td>
            <td>{kind_select}</td>
            <td class="args"><div class="args-wrap">{args}</div></td>
            {cells}
            <td class="row-actions">
                <button class="btn tiny" aria-label="up" disabled={move || index == 0} on:click=move |_| state.update(|s| s.rows.swap(index, index - 1))>"↑"</button>
                <button class="btn tiny" aria-label="down" disabled={move || index + 1 >= len()} on:click=move |_| state.update(|s| s.rows.swap(index, index + 1))>"↓"</button>
                <button class="btn tiny" aria-label="remove" on:click=move |_| state.update(|s| { s.rows.remove(index); })>"✕"</button>
            </td>
        </tr>
    }
}
