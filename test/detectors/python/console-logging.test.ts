import detector from '../../../detectors/python/console-logging.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const LOGGING = 'import logging\n\nlogger = logging.getLogger(__name__)\n\n';

describeDetector(detector, {
  flags: [
    { code: `${LOGGING}def connect(url):\n    print("connecting to", url)\n    logger.info("connected")\n`, line: 6, message: '`print()` in `connect` in a module that logs with a logger' },
    { code: 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.post("/orders")\ndef create_order():\n    print(request.json)\n    return "", 201\n', line: 7, message: 'a server module (`flask`)' },
    { code: 'from fastapi import FastAPI\n\nasync def handler(item):\n    print(item)\n', line: 4 },
    { code: 'from .log import logger\n\ndef run(x):\n    if x:\n        print("bad", x)\n        logger.warning("bad")\n', line: 5, note: 'a logger imported from a sibling module (asyncio style)' },
    { code: 'import structlog\n\nclass Worker:\n    def process(self, job):\n        print(f"processing {job}")\n', line: 5 },
    { code: `${LOGGING}print("module loaded")\n`, line: 5, note: 'module-level print in a library module' },
    { code: `${LOGGING}def a():\n    print(1)\n\ndef b():\n    print(2)\n`, line: [6, 9] },
    { code: 'from logging import getLogger\nlog = getLogger(__name__)\n\ndef sync(items):\n    for i in items:\n        print(\n            i,\n        )\n', line: 6 },
    { code: 'import django\n\ndef view(request):\n    print(request.GET)\n', line: 4 },
  ],
  ignores: [
    { code: 'def greet(name):\n    print("hello", name)\n', note: 'no logger, no server: a plain module may print' },
    { code: 'import logging\n\ndef main():\n    print("done")\n\nif __name__ == "__main__":\n    main()\n', note: 'a runnable module' },
    'import argparse\nimport logging\n\ndef run(args):\n    print(args.name)\n',
    'import click\nimport logging\n\n@click.command()\ndef cli():\n    print("hi")\n',
    'import logging\nimport sys\n\ndef warn(msg):\n    print(msg, file=sys.stderr)\n',
    { code: `${LOGGING}def connect(url):\n    print(url)\n`, path: 'tests/test_net.py' },
    { code: `${LOGGING}def connect(url):\n    print(url)\n`, path: 'pkg/__main__.py' },
    { code: `${LOGGING}def connect(url):\n    print(url)\n`, path: 'scripts/seed.py' },
    { code: `#!/usr/bin/env python3\n${LOGGING}def connect(url):\n    print(url)\n`, note: 'a shebang: a script' },
    { code: `${LOGGING}class Stats:\n    def print_summary(self):\n        print(self.total)\n    def __repr__(self):\n        print("x")\n        return "Stats"\n`, note: 'functions whose job is printing' },
    { code: `${LOGGING}def ask(prompt):\n    print(prompt)\n    return input()\n`, note: 'an interactive module' },
    { code: `${LOGGING}def log(x):\n    logger.info(x)\n\nx = "print(x)"\n# print(x)\n` },
    { code: `${LOGGING}def send(x):\n    self.console.print(x)\n`, note: 'attribute calls are not the builtin' },
    { code: `${LOGGING}from rich import print\n\ndef send(x):\n    print(x)\n`, note: 'an imported print replacement' },
    { code: 'from django.core.management.base import BaseCommand\n\nclass Command(BaseCommand):\n    def handle(self, *args, **options):\n        print(f"{count} attachments moved.")\n', path: 'hyperkitty/management/commands/attachments_to_file.py', note: 'a Django management command (hyperkitty)' },
    { code: 'import logging\n\nLOG = logging.getLogger(__name__)\n\ndef version():\n    print("Current: %s" % current)\n', path: 'designate/manage/database.py', note: 'a designate-manage command' },
    { code: 'import logging\nimport sys\n\nlog = logging.getLogger(__name__)\n\ndef setup_bot(restore):\n    if restore:\n        log.info("restoring")\n        print("Restore complete. You can restart the bot normally")\n        sys.exit(0)\n', note: 'a last message before the program exits (errbot)' },
    { code: 'import logging\n\nLOG = logging.getLogger(__name__)\n\ndef migrate_data(engine=None):\n    """Migrate data.\n\n    This is run manually by the keystone-manage command.\n    """\n    print("This is now a no-op.")\n', note: 'the docstring says a command runs it (keystone)' },
  ],
});
