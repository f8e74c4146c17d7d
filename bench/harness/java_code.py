"""The Java functions of the benchmark, compiled at bench time: a JDK 21+ is found as ./hearth
finds one (JAVA_HOME when it is a JDK 21+, else the newest under /usr/lib/jvm), one javac call
compiles every function's class (`bench.fNNN.Hello`, each in a package of its own, returning its
own name: no two functions share code), and each class is zipped alone as its function's
package. The handler needs no library: `bench.fNNN.Hello::handle`, Map in, Map out."""
import os
import subprocess
import tempfile

from .lambda_api import zip_of
from .servers import BenchError

MIN_MAJOR = 21
RUNTIME = "java21"
SOURCE = """package {package};

public class Hello {{
    public java.util.Map<String, Object> handle(java.util.Map<String, Object> in) {{
        return java.util.Map.of("fn", "{name}");
    }}
}}
"""


def _major(home):
    """Feature version of a JDK home with javac, from its `release` file; None when not a JDK."""
    if not (os.access(os.path.join(home, "bin", "javac"), os.X_OK)):
        return None
    try:
        with open(os.path.join(home, "release")) as f:
            line = next((x for x in f if x.startswith("JAVA_VERSION=")), "")
    except OSError:
        return None
    version = line.split("=", 1)[-1].strip().strip('"')
    if version.startswith("1."):
        version = version[2:]
    head = version.split(".")[0].split("-")[0].split("+")[0]
    return int(head) if head.isdigit() else None


def find_jdk():
    """(home, feature version) of the JDK 21+ to compile with: JAVA_HOME if it is one, else the
    newest real directory under /usr/lib/jvm; BenchError when there is none."""
    home = os.environ.get("JAVA_HOME")
    if home and (_major(home) or 0) >= MIN_MAJOR:
        return home, _major(home)
    found = []
    root = "/usr/lib/jvm"
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        path = os.path.join(root, name)
        if os.path.isdir(path) and not os.path.islink(path) and (_major(path) or 0) >= MIN_MAJOR:
            found.append((_major(path), path))
    if not found:
        raise BenchError(f"no JDK {MIN_MAJOR}+ with javac (looked at $JAVA_HOME and {root}/*): the Java phase "
                         f"compiles its functions")
    major, path = max(found)
    return path, major


def handler(index):
    return f"bench.f{index:03d}.Hello::handle"


def compile_all(names, jdk_home):
    """One javac call for every name (function i gets class bench.fIII.Hello returning its name).
    Returns {name: (handler, zip bytes of its one .class file)}."""
    with tempfile.TemporaryDirectory(prefix="hearth-bench-java-") as tmp:
        src, out = os.path.join(tmp, "src"), os.path.join(tmp, "classes")
        files = []
        for i, name in enumerate(names):
            package = f"bench.f{i:03d}"
            folder = os.path.join(src, *package.split("."))
            os.makedirs(folder)
            path = os.path.join(folder, "Hello.java")
            with open(path, "w") as f:
                f.write(SOURCE.format(package=package, name=name))
            files.append(path)
        argv = [os.path.join(jdk_home, "bin", "javac"), "--release", str(MIN_MAJOR), "-nowarn", "-d", out] + files
        done = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        if done.returncode != 0:
            raise BenchError(f"javac failed ({done.returncode}): {done.stdout.decode('utf-8', 'replace')[:600]}")
        packages = {}
        for i, name in enumerate(names):
            entry = f"bench/f{i:03d}/Hello.class"
            with open(os.path.join(out, entry), "rb") as f:
                packages[name] = (handler(i), zip_of({entry: f.read()}))
        return packages
