import detector from '../../../detectors/python/command-injection.js';
import { describeDetector } from '../../helpers/detector-cases.js';

describeDetector(detector, {
  flags: [
    { code: 'import os\n\ndef ping(host):\n    os.system(f"ping -c 1 {host}")\n', line: 4, message: '`os.system()` runs a command built with an f-string from `host`' },
    { code: 'import subprocess\n\ndef archive(name):\n    cmd = "tar czf /tmp/out.tgz " + name\n    subprocess.run(cmd, shell=True, check=True)\n', line: 5, message: '`cmd`, a command built on line 4 with string concatenation' },
    { code: 'import subprocess as sp\n\ndef grep(pattern, path):\n    return sp.check_output("grep %s %s" % (pattern, path), shell=True)\n', line: 4, message: '`subprocess.check_output()` with `shell=True`' },
    { code: 'from subprocess import Popen\n\ndef run(user):\n    Popen("id {}".format(user), shell=True)\n', line: 4, message: '`.format()`' },
    { code: 'import os\n\ndef read(request):\n    return os.popen("cat /var/log/" + request.args["file"]).read()\n', line: 4, message: '`os.popen()`' },
    { code: 'from os import system\n\ndef kill(pid):\n    system(f"kill -9 {pid}")\n', line: 4 },
    { code: 'import subprocess\n\ndef status(service):\n    return subprocess.getoutput(f"systemctl status {service}")\n', line: 4, message: '`subprocess.getoutput()`' },
    { code: 'import asyncio\n\nasync def convert(src, dst):\n    await asyncio.create_subprocess_shell(f"ffmpeg -i {src} {dst}")\n', line: 4, message: '`src`, `dst`' },
    { code: 'import subprocess\n\ndef call(branch):\n    subprocess.call(args=" ".join(["git", "checkout", branch]), shell=True)\n', line: 4, message: '`join()`' },
    { code: 'import subprocess\n\ndef deploy(tag):\n    cmd = "docker pull registry/app"\n    cmd += f":{tag}"\n    subprocess.Popen(cmd, shell=True)\n', line: 6, message: 'built on line 5' },
    { code: 'import os\n\nname = input("file: ")\nos.system("cat " + name)\n', line: 4, message: '`name`' },
    { code: 'import subprocess\n\ndef handler(request):\n    path = request.GET.get("path").strip()\n    subprocess.check_call("ls -l %s" % path, shell=True)\n', line: 5 },
  ],
  ignores: [
    { code: 'import os, tempfile\n\ndef page(text, cmd):\n    filename = tempfile.mktemp()\n    os.system(cmd + \' "\' + filename + \'"\')\n', note: 'pydoc: a pager command and a temp file name, neither from outside' },
    { code: 'import os, tempfile\n\ndef run(commandstring):\n    fp = tempfile.NamedTemporaryFile()\n    os.system("%s 2>/dev/null >\'%s.tmp\'" % (commandstring, fp.name))\n', note: '_osx_support: a wrapper running the command it is given; fp.name is a temp file' },
    { code: 'import os\n\ndef probe(cc):\n    os.system("\'%s\' -x c /dev/null" % cc.replace("\'", "\'\\"\'\\"\'"))\n', note: 'quoted by hand' },
    { code: 'import os\n\nclass Handler:\n    def run(self):\n        os.system(f"ls {self.root}")\n', note: 'an attribute of self: configuration, not input' },
    { code: 'import os, sys\n\nos.system("%s -m pip list" % sys.executable)\n' },
    { code: 'import os\n\ndef test_cat(tmp_path):\n    os.system(f"cat {tmp_path}")\n', path: 'tests/test_cat.py' },
    'import subprocess\n\ndef ping(host):\n    subprocess.run(["ping", "-c", "1", host], check=True)\n',
    'import shlex, subprocess\n\ndef ping(host):\n    subprocess.run(f"ping -c 1 {shlex.quote(host)}", shell=True)\n',
    'import os\n\nos.system("clear")\n',
    { code: 'import subprocess\n\ndef ping(host):\n    subprocess.run(f"ping -c 1 {host}")\n', note: 'no shell: the whole string is the program name' },
    { code: 'import os\n\ndef run(cmd):\n    os.system(cmd)\n', note: 'a wrapper: whether cmd is built from input is the caller\'s business' },
    { code: 'import os\n\nTOOL = "/usr/bin/tool"\nos.system(f"{TOOL} --version")\n', note: 'constants only' },
    { code: 'import subprocess\n\ndef build(jobs):\n    subprocess.run(f"make -j{int(jobs)}", shell=True)\n', note: 'an int cannot carry shell syntax' },
    { code: 'def run(db, name):\n    db.system(f"drop {name}")\n', note: 'not os.system' },
    { code: 'import subprocess\n\ndef run(name):\n    subprocess.run(f"echo {name}", shell=False)\n' },
    { code: 'import os\n\ndef clean(paths):\n    for p in paths:\n        os.system(f"rm -f {p}")\n', note: 'a loop variable: unknown origin' },
    { code: 'import shlex, subprocess\n\ndef run(args):\n    subprocess.run("git " + shlex.join(args), shell=True)\n' },
    { code: 'import os\n\ndef system(cmd):\n    pass\n\ndef f(x):\n    system(f"echo {x}")\n', note: 'a local function named system' },
  ],
});
