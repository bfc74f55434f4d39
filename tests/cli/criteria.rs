//! `ocop criteria`, `--criteria` and `--version`.

use crate::common::{Workdir, repo_file};

/// The example of docs/criteria-format.md.
fn documented_example() -> String {
    let doc = std::fs::read_to_string(repo_file("docs/criteria-format.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + 8;
    let len = doc[start..].find("```").unwrap();
    doc[start..start + len].to_string()
}

#[test]
fn show_set_6_has_every_criterion_option_and_marker() {
    let wd = Workdir::new();
    let table = wd.run(&["criteria", "show", "6"]).ok().stdout;
    let json: serde_json::Value = serde_json::from_str(
        &wd.run(&["criteria", "show", "6", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(json["name"], "Chế biến từ gạo, ngũ cốc");
    assert_eq!(json["code"], "I.3.b");
    // Every criterion code starts a row; the option rows, in order, carry each option's
    // points and marker.
    let rows: Vec<&str> = table.lines().collect();
    let option_rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| {
            r.split('┆')
                .map(|c| c.trim().trim_matches('│').trim())
                .collect::<Vec<_>>()
        })
        .filter(|cells| cells.len() == 4 && cells[1].starts_with("□ "))
        .collect();
    let mut options = 0;
    let mut markers = 0;
    for part in json["parts"].as_array().unwrap() {
        for sec in part["sections"].as_array().unwrap() {
            for c in sec["criteria"].as_array().unwrap() {
                let code = c["code"].as_str().unwrap();
                assert!(
                    rows.iter().any(|r| r.starts_with(&format!("│ {code} "))),
                    "criterion {code} missing"
                );
                for o in c["options"].as_array().unwrap() {
                    let cells = &option_rows[options];
                    options += 1;
                    let label = o["label"].as_str().unwrap();
                    let first_line = cells[1].trim_start_matches("□ ");
                    assert!(
                        label.starts_with(first_line),
                        "{code}: {label:?} vs row {first_line:?}"
                    );
                    assert_eq!(cells[2], o["points"].to_string(), "{code}: {label}");
                    let marker = o["min_star"]
                        .as_u64()
                        .map(|m| "*".repeat(m as usize))
                        .unwrap_or_default();
                    assert_eq!(cells[3], marker, "{code}: {label}");
                    markers += usize::from(!marker.is_empty());
                }
            }
        }
    }
    assert_eq!(option_rows.len(), options);
    assert_eq!(options, 104);
    assert_eq!(markers, 8 + 13 + 5);
    assert!(
        table.lines().all(|l| l.chars().count() <= 80),
        "fits 80 columns"
    );
    insta::assert_snapshot!("criteria_show_6", table);
}

#[test]
fn show_accepts_a_code_and_fits_the_given_width() {
    let wd = Workdir::new();
    let by_code = wd
        .run(&["criteria", "show", "i.3.b", "--width", "120"])
        .ok()
        .stdout;
    assert!(by_code.starts_with("Bộ 6 (I.3.b): Chế biến từ gạo, ngũ cốc"));
    assert!(by_code.lines().all(|l| l.chars().count() <= 120));
    assert!(by_code.lines().any(|l| l.chars().count() > 80));
    let ascii = wd.run(&["criteria", "show", "6", "--ascii"]).ok().stdout;
    assert!(ascii.contains("[ ] Chế biến đơn giản"));
    assert!(!ascii.contains('│'));
}

#[test]
fn show_keeps_editor_notes_and_corrections_visible() {
    let wd = Workdir::new();
    let set4 = wd
        .run(&["criteria", "show", "4", "--width", "200"])
        .ok()
        .stdout;
    assert!(
        set4.contains("[corrected] printed 13: criterion 7 has max 3"),
        "{set4}"
    );
    let set7 = wd
        .run(&["criteria", "show", "7", "--width", "200"])
        .ok()
        .stdout;
    assert!(set7.contains("[editor] As written: 1 point."), "{set7}");
}

#[test]
fn list_shows_editions_and_all_sets() {
    let wd = Workdir::new();
    let out = wd.run(&["criteria", "--width", "120"]).ok().stdout;
    assert!(out.contains("qd26-2026 (selected)"));
    assert!(out.contains("qd148-2023"));
    for code in ["I.1.a", "I.3.b", "I.6", "II.1.a", "IV.1", "VI.1"] {
        assert!(out.contains(code), "{code}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&wd.run(&["criteria", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(json["edition"]["id"], "qd26-2026");
    assert_eq!(json["sets"].as_array().unwrap().len(), 26);
    assert_eq!(json["sets"][5]["criteria"], 32);
}

#[test]
fn the_2023_edition_says_what_cannot_be_trusted() {
    let wd = Workdir::new();
    let out = wd
        .run(&["--criteria", "qd148-2023", "criteria", "--width", "120"])
        .ok()
        .stdout;
    assert!(out.contains("qd148-2023 (selected)"));
    assert!(out.contains("incomplete") && out.contains("unverified"));
    let set11 = wd
        .run(&["--criteria", "qd148-2023", "criteria", "show", "11"])
        .ok()
        .stdout;
    assert!(
        set11.contains("INCOMPLETE, cannot be scored: The transcription does not add up"),
        "{set11}"
    );
    let set1 = wd
        .run(&["--criteria", "qd148-2023", "criteria", "show", "1"])
        .ok()
        .stdout;
    assert!(set1.contains("UNVERIFIED:"));
    assert!(
        set1.contains("**** (whole)"),
        "a marker on a whole criterion is shown"
    );
}

#[test]
fn version_names_the_embedded_editions() {
    let out = Workdir::new().run(&["--version"]).ok().stdout;
    assert!(out.starts_with("ocop "));
    assert!(out.contains("qd26-2026") && out.contains("26/2026/QĐ-TTg"));
    assert!(out.contains("qd148-2023") && out.contains("148/QĐ-TTg"));
}

#[test]
fn a_criteria_file_is_loaded_by_path() {
    let wd = Workdir::new();
    wd.write("pilot.toml", documented_example());
    let out = wd
        .run(&["--criteria", "pilot.toml", "criteria", "show", "P.1"])
        .ok()
        .stdout;
    assert!(out.contains("Bộ 1 (P.1): Trà thảo mộc"));
    assert!(out.contains("3.1.2"));
    // The environment variable works as well as the flag.
    let out = wd
        .command(&["criteria"])
        .env("OCOP_CRITERIA", "pilot.toml")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("otop-pilot (selected)"));
}

#[test]
fn a_malformed_criteria_file_is_refused_with_its_position() {
    let wd = Workdir::new();
    let bad = documented_example().replace(
        "{ points = 24, label = \"Xuất khẩu\" }",
        "{ points = 23, label = \"Xuất khẩu\" }",
    );
    wd.write("bad.toml", &bad);
    let line = bad.lines().position(|l| l == "code = \"2.1\"").unwrap() + 1;
    let run = wd.run(&["--criteria", "bad.toml", "criteria"]).fails(2);
    assert!(
        run.stderr.contains(&format!(
            "bad.toml:{line}:8: set 1, criterion 2.1: top option gives 23, but the max is 24 (options: 8, 16, 23)"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    wd.write(
        "typo.toml",
        documented_example().replace("max = 24", "maxi = 24"),
    );
    let run = wd.run(&["--criteria", "typo.toml", "criteria"]).fails(2);
    assert!(
        run.stderr.contains("unknown field `maxi`"),
        "{}",
        run.stderr
    );
    wd.write("latin1.toml", b"format = 1\n# \xe9\n");
    let run = wd.run(&["--criteria", "latin1.toml", "criteria"]).fails(2);
    assert!(
        run.stderr
            .contains("latin1.toml:2:3: the criteria file is not valid UTF-8"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_edition_or_set_is_a_usage_error() {
    let wd = Workdir::new();
    let run = wd.run(&["--criteria", "qd999", "criteria"]).fails(2);
    assert!(
        run.stderr
            .contains("no such edition or file (editions: qd26-2026, qd148-2023)"),
        "{}",
        run.stderr
    );
    let run = wd.run(&["criteria", "show", "27"]).fails(2);
    assert!(
        run.stderr.contains("no set \"27\" in qd26-2026"),
        "{}",
        run.stderr
    );
    wd.run(&["criteria", "--format", "yaml"]).fails(2);
}

#[test]
fn export_prints_the_shipped_toml() {
    let wd = Workdir::new();
    let out = wd.run(&["criteria", "export"]).ok().stdout;
    assert_eq!(
        out,
        std::fs::read_to_string(repo_file("criteria/qd26-2026.toml")).unwrap()
    );
    // What export prints loads back as a criteria file.
    wd.write("copy.toml", &out);
    wd.run(&["--criteria", "copy.toml", "criteria", "show", "26"])
        .ok();
}

#[test]
fn criteria_dev_zero_is_refused_not_read_forever() {
    let wd = Workdir::new();
    let run = wd.run(&["--criteria", "/dev/zero", "criteria"]).fails(2);
    assert!(
        run.stderr
            .contains("criteria file /dev/zero is larger than 16 MiB"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    let out = wd
        .command(&["criteria"])
        .env("OCOP_CRITERIA", "/dev/zero")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is larger than 16 MiB"));
    // Just over the limit, as a real file.
    let big = wd.path("big.toml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let run = wd.run(&["--criteria", "big.toml", "criteria"]).fails(2);
    assert!(
        run.stderr
            .contains("criteria file big.toml is larger than 16 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn criteria_directory_is_a_usage_error() {
    let wd = Workdir::new();
    std::fs::create_dir(wd.path("rubrics")).unwrap();
    let run = wd.run(&["--criteria", "rubrics", "criteria"]).fails(2);
    assert!(
        run.stderr.contains(
            "--criteria rubrics: is a directory; give a criteria TOML file or an edition id"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_custom_file_cannot_take_an_official_edition_id() {
    let wd = Workdir::new();
    // An edited export keeps the official id: refused, so no report names qd26-2026 for it.
    let edited = std::fs::read_to_string(repo_file("criteria/qd26-2026.toml"))
        .unwrap()
        .replacen("format = 1", "format = 1\n# edited", 1);
    wd.write("edited.toml", &edited);
    let run = wd.run(&["--criteria", "edited.toml", "criteria"]).fails(2);
    assert!(
        run.stderr
            .contains("edition id \"qd26-2026\" is reserved for the embedded official edition"),
        "{}",
        run.stderr
    );
    wd.write(
        "pilot.toml",
        documented_example().replace("id = \"otop-pilot\"", "id = \"qd148-2023\""),
    );
    wd.run(&["--criteria", "pilot.toml", "criteria"]).fails(2);
}

#[test]
fn criteria_show_does_not_print_escape_or_bidi_characters() {
    let wd = Workdir::new();
    for (i, raw) in ["\\u001b[2J", "\\u202e", "\\u0007"].iter().enumerate() {
        let name = format!("evil{i}.toml");
        wd.write(
            &name,
            documented_example().replace(
                "name = \"Trà thảo mộc\"",
                &format!("name = \"Trà {raw}thảo mộc\""),
            ),
        );
        let run = wd
            .run(&["--criteria", &name, "criteria", "show", "1"])
            .fails(2);
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains("text contains the ")
                && run.stderr.contains(
                    "criteria text must not contain control or bidirectional formatting characters"
                ),
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains(['\u{1b}', '\u{202e}', '\u{7}']),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn criteria_format_json_before_show_is_not_ignored() {
    let wd = Workdir::new();
    let before = wd
        .run(&["criteria", "--format", "json", "show", "6"])
        .ok()
        .stdout;
    let after = wd
        .run(&["criteria", "show", "6", "--format", "json"])
        .ok()
        .stdout;
    assert_eq!(before, after);
    let json: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(json["code"], "I.3.b");
    // The other view options too.
    let ascii = wd
        .run(&["criteria", "--ascii", "--width", "100", "show", "6"])
        .ok()
        .stdout;
    assert!(!ascii.contains('│'));
    assert!(ascii.lines().all(|l| l.chars().count() <= 100));
}

#[test]
fn criteria_json_into_a_closed_pipe_is_quiet() {
    let mut child = Workdir::new()
        .command(&["criteria", "show", "6", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn show_says_when_a_criterion_applies_only_after_another() {
    let wd = Workdir::new();
    let table = wd
        .run(&["criteria", "show", "6", "--width", "120"])
        .ok()
        .stdout;
    assert!(table.contains("(applies only if 5.1 > 0)"), "{table}");
    assert_eq!(table.matches("applies only if").count(), 1);
    let json: serde_json::Value = serde_json::from_str(
        &wd.run(&["criteria", "show", "6", "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let story = &json["parts"][1]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "5")
        .unwrap()["criteria"];
    assert_eq!(story[1]["code"], "5.2");
    assert_eq!(story[1]["applies_if"], "5.1");
    assert!(story[0]["applies_if"].is_null());
    // Set 26 (du lịch) prints no such condition.
    let set26 = wd
        .run(&["criteria", "show", "26", "--width", "120"])
        .ok()
        .stdout;
    assert!(!set26.contains("applies only if"));
    let old = wd
        .run(&[
            "--criteria",
            "qd148-2023",
            "criteria",
            "show",
            "1",
            "--width",
            "120",
        ])
        .ok()
        .stdout;
    assert_eq!(old.matches("(applies only if 5.a > 0)").count(), 2, "{old}");
}

/// Regression (issue 9): sums were `u16` in units of the gcd of the allowed points, so a
/// custom rubric with an option of 12.33 points and one product scored by 30 members passed
/// `check` and `--format csv` but failed `--format json` ("the sums overflow"). Sums are exact
/// hundredths now: every format gives the same result.
#[test]
fn regression_two_decimal_points_and_thirty_members_score_alike_in_every_format() {
    let wd = Workdir::new();
    let rubric = documented_example().replace(
        "{ points = 12.5, label = \"Có hợp đồng liên kết\", min_star = 4 }",
        "{ points = 12.33, label = \"Có hợp đồng liên kết\", min_star = 4 }",
    );
    assert!(rubric.contains("12.33"), "the documented example changed");
    wd.write("rubric.toml", rubric);
    let mut csv =
        String::from("product_id,product_name,set,assessor,1.1,1.2,2.1,2.2,3.1.1,3.1.2,4\n");
    for m in 0..30 {
        csv.push_str(&format!("P-1,Trà,1,Member {m:02},20,12.33,24,1,10,10,15\n"));
    }
    wd.write("round.csv", csv);
    let run = |args: &[&str]| {
        let mut a = vec!["--criteria", "rubric.toml"];
        a.extend_from_slice(args);
        wd.run(&a).ok().stdout
    };
    assert!(run(&["check", "round.csv"]).starts_with("ok: 1 file, 1 product, 30 members"));
    let table = run(&["score", "round.csv", "--format", "csv"]);
    assert!(
        table
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("1,P-1,Trà,1,30,32.33,25.00,35.00,92.33,5,5,"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["score", "round.csv", "--format", "json"])).unwrap();
    let p = &json["products"][0];
    assert_eq!(
        (p["part_a"].as_f64(), p["total"].as_f64()),
        (Some(32.33), Some(92.33))
    );
    assert_eq!(p["criteria"]["1.2"].as_f64(), Some(12.33));
    assert_eq!(p["members"][29]["total"].as_f64(), Some(92.33));
}
