#!/usr/bin/env python3
"""Checks .github/workflows as far as a Linux machine can: every file parses as YAML with the
keys GitHub needs, and every `run:` step is valid bash (`bash -n`), with ${{ … }} expressions
replaced by a placeholder first. Exit 1 with one line per problem."""
import pathlib
import re
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
problems = []
checked = 0
for path in sorted((ROOT / ".github" / "workflows").glob("*.y*ml")):
    try:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        problems.append(f"{path.name}: not valid YAML: {e}")
        continue
    # PyYAML reads the key `on` as the boolean True.
    if not isinstance(workflow, dict) or "jobs" not in workflow or not ({"on", True} & set(workflow)):
        problems.append(f"{path.name}: needs 'on' and 'jobs'")
        continue
    default_shell = ((workflow.get("defaults") or {}).get("run") or {}).get("shell", "bash")
    for job_name, job in workflow["jobs"].items():
        for index, step in enumerate(job.get("steps", [])):
            if "run" not in step:
                if "uses" not in step:
                    problems.append(f"{path.name}: job {job_name} step {index + 1} has neither run nor uses")
                continue
            shell = step.get("shell", default_shell)
            if shell != "bash":
                problems.append(f"{path.name}: job {job_name} step {index + 1} runs in {shell}; use bash")
                continue
            script = re.sub(r"\$\{\{.*?\}\}", "PLACEHOLDER", step["run"])
            result = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
            checked += 1
            if result.returncode != 0:
                problems.append(f"{path.name}: job {job_name} step '{step.get('name', index + 1)}': {result.stderr.strip()}")
for problem in problems:
    print("error: " + problem)
print(f"workflows: {checked} run steps syntax-checked, {len(problems)} problems")
sys.exit(1 if problems else 0)
