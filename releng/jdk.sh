# Finds the Java installations tapsteer uses (sourced by ./mvnw and ./tapsteer; bash).
#   build_jdk    prints the JDK home that builds tapsteer: Java 21 or newer (Tycho 5, Eclipse 4.41),
#                JAVA_HOME when it is one, else the newest JDK under /usr/lib/jvm; nothing when none.
#   java_feature prints the feature version (17, 21, 25) of the java command given.

# The feature version of a Java home, from its release file (no JVM start), or empty.
jdk_home_feature() {
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1)
  [ "$v" = 1 ] && v=8 # 1.8.0_x
  echo "$v"
}

java_feature() {
  local java="$1" home v
  home=$(dirname "$(dirname "$(readlink -f "$(command -v "$java" || echo "$java")")")")
  v=$(jdk_home_feature "$home")
  if [ -z "$v" ]; then
    v=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9.]*\).*/\1/p')
    v=${v#1.}
  fi
  echo "${v:-0}"
}

build_jdk() {
  local min=21
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(jdk_home_feature "$JAVA_HOME")" -ge $min ] 2>/dev/null; then
    echo "$JAVA_HOME"
    return 0
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] && [ ! -L "$d" ] || continue
    v=$(jdk_home_feature "$d")
    [ -n "$v" ] && [ "$v" -ge $min ] && [ "$v" -gt $best_v ] && { best=$d; best_v=$v; }
  done
  [ -n "$best" ] && echo "$best"
  return 0
}

# The sentence shown when no JDK can build tapsteer.
no_build_jdk() {
  echo "building tapsteer needs a JDK 21 or newer and found none in JAVA_HOME or /usr/lib/jvm: install one (Temurin 25 is tested; any JDK >= 21 works) or set JAVA_HOME to it"
}
