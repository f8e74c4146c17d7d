#!/bin/sh
# Builds the function into OUT_DIR (default: build/), ready for
#   ./hearth deploy NAME examples/java-ric/build --runtime provided.al2023 --handler example.Hello::handleRequest
#   OUT_DIR/bootstrap       starts the runtime interface client (RIC)
#   OUT_DIR/example/*.class the handlers, compiled from src/
#   OUT_DIR/lib/*.jar       the RIC and its dependencies, from Maven Central (or RIC_JARS_DIR)
#   OUT_DIR/lib/jni/*.so    the RIC's native library, taken out of its jar
# Needs a JDK 17+ (JAVA_HOME, else javac and jar on PATH), and Maven unless RIC_JARS_DIR names a
# directory that already holds the four jars.
set -eu
here="$(cd "$(dirname "$0")" && pwd -P)"
out="$(mkdir -p "${1:-$here/build}" && cd "${1:-$here/build}" && pwd -P)"
if [ "$out" = "$here" ] || { [ -n "$(ls -A "$out")" ] && [ ! -f "$out/lib/jni/libaws-lambda-jni.linux-x86_64.so" ]; }; then
  echo "build.sh: $out is neither empty nor an earlier build: not replacing it" >&2
  exit 1
fi
ric=com.amazonaws:aws-lambda-java-runtime-interface-client:2.9.0
deps="com.amazonaws:aws-lambda-java-core:1.4.0 com.amazonaws:aws-lambda-java-serialization:1.2.0 software.amazon.awssdk:utils-lite:2.34.0"

rm -rf "$out"
mkdir -p "$out/lib"
if [ -n "${RIC_JARS_DIR:-}" ]; then
  cp "$RIC_JARS_DIR"/*.jar "$out/lib/"
else
  for artifact in $ric $deps; do
    mvn -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$artifact" \
      -DoutputDirectory="$out/lib"
  done
fi
jdk="${JAVA_HOME:+$JAVA_HOME/bin/}"
"${jdk}javac" --release 17 -cp "$out/lib/*" -d "$out" $(find "$here/src" -name '*.java')
cd "$out/lib"    # jar x writes jni/… here
"${jdk}jar" xf aws-lambda-java-runtime-interface-client-*.jar \
  jni/libaws-lambda-jni.linux-x86_64.so jni/libaws-lambda-jni.linux-aarch_64.so
cp "$here/bootstrap" "$out/bootstrap"
chmod 755 "$out/bootstrap"
echo "built $out"
