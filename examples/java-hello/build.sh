#!/usr/bin/env bash
# Builds hello.jar from src/ with a JDK 17+ (javac, jar). The one library it needs,
# aws-lambda-java-core, is taken from the local Maven repository (mvn dependency:get fetches it:
#   mvn dependency:get -Dartifact=com.amazonaws:aws-lambda-java-core:1.4.0) or from $LAMBDA_CORE_JAR.
# It is not packaged: Hearth's Java runtime supplies it to functions that do not bundle it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
core="${LAMBDA_CORE_JAR:-$HOME/.m2/repository/com/amazonaws/aws-lambda-java-core/1.4.0/aws-lambda-java-core-1.4.0.jar}"
[[ -f "$core" ]] || { echo "aws-lambda-java-core not found at $core (set LAMBDA_CORE_JAR)" >&2; exit 1; }
rm -rf build && mkdir -p build/classes
javac --release 17 -cp "$core" -d build/classes $(find src -name '*.java')
jar --create --file hello.jar -C build/classes .
rm -rf build
echo "built $(pwd)/hello.jar"
