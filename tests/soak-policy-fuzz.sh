#!/usr/bin/env bash
# Runs the policy reader fuzz test (tests/RolloutController.UnitTests/Policies/PolicyReaderFuzzTests.cs) for longer than
# the suite's 5 seconds: seeded mutations of policies/*.yaml through decoding, limits, parsing and validation, failing on
# any exception or any diagnostic without a location. A failure prints its seed, input number and input (base64).
# Usage: tests/soak-policy-fuzz.sh [seconds, default 600] [seed, default a new one, printed]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-600}
seed=${2:-$(( $(date +%s) % 2147483647 ))}
echo "==> policy reader fuzz: ${seconds} s, seed ${seed} (rerun with: tests/soak-policy-fuzz.sh ${seconds} ${seed})"

dotnet build tests/RolloutController.UnitTests -c Release -nologo -v quiet -clp:ErrorsOnly
POLICY_FUZZ_SECONDS="$seconds" POLICY_FUZZ_SEED="$seed" dotnet test tests/RolloutController.UnitTests -c Release --no-build -nologo \
  --filter "FullyQualifiedName~PolicyReaderFuzzTests" --logger "console;verbosity=detailed"
