import detector from '../../../detectors/python/inconsistent-docstring.js';
import { describeDetector } from '../../helpers/detector-cases.js';

const dq = (name: string): string => `def ${name}():\n    """Return ${name}."""\n\n`;
const sq = (name: string): string => `def ${name}():\n    '''Return ${name}.'''\n\n`;
const google = (name: string): string => `def ${name}(x):\n    """Do ${name}.\n\n    Args:\n        x: the value.\n    """\n\n`;
const numpy = (name: string): string => `def ${name}(x):\n    """Do ${name}.\n\n    Parameters\n    ----------\n    x : int\n        The value.\n    """\n\n`;
const rest = (name: string): string => `def ${name}(x):\n    """Do ${name}.\n\n    :param x: the value.\n    """\n\n`;

describeDetector(detector, {
  flags: [
    { code: dq('a') + dq('b') + dq('c') + sq('d'), line: 11, message: "function `d` uses `'''` where the module's other docstrings use `\"\"\"`", fix: '    """Return d."""' },
    { code: google('a') + google('b') + google('c') + rest('d'), line: 23, message: 'is in reST format where the module\'s other docstrings use Google' },
    { code: numpy('a') + numpy('b') + numpy('c') + google('d'), line: 29, message: 'Google format where' },
    { code: rest('a') + rest('b') + rest('c') + rest('d') + numpy('e'), line: 26 },
    { code: `'''Module doc.'''\n\n${dq('a')}${dq('b')}${dq('c')}`, line: 1, message: 'the module' },
    { code: `class C:\n    '''A class.\n\n    More.\n    '''\n\n${dq('a')}${dq('b')}${dq('c')}`, line: 2, message: 'class `C`', fix: '    """A class.\n\n    More.\n    """' },
    { code: dq('a') + dq('b') + dq('c') + dq('d') + dq('e') + sq('f') + sq('g'), line: [17, 20], note: '5 to 2 is a clear majority' },
    { code: `${dq('a')}${dq('b')}${dq('c')}def d():\n    r'''Return \\d.'''\n`, line: 11, note: 'a raw docstring keeps its prefix', fix: '    r"""Return \\d."""' },
    { code: `${sq('a')}${sq('b')}${sq('c')}${dq('d')}`, line: 11, message: "use `'''`", note: "a module written with ''' is followed too" },
  ],
  ignores: [
    dq('a') + sq('b'),
    { code: dq('a') + dq('b') + sq('c') + sq('d'), note: 'half and half: no majority' },
    { code: dq('a') + dq('b') + sq('c'), note: 'two of three is not a clear majority' },
    { code: google('a') + google('b') + google('c') + dq('d'), note: 'a one-liner fits any format' },
    { code: dq('a') + dq('b') + dq('c') + 'def d():\n    "Return d."\n', note: 'single-quoted one-liners are not compared' },
    { code: google('a') + google('b') + rest('c'), note: 'too few with a format' },
    dq('a') + dq('b') + dq('c') + 'def d():\n    x = """not a docstring"""\n    y = \'\'\'nor this\'\'\'\n',
    { code: `${dq('a')}${dq('b')}${dq('c')}x = 1\n'''A string statement after code is no docstring.'''\n` },
    { code: numpy('a') + numpy('b') + 'def c(x):\n    """Do c.\n\n    Returns:\n        the value.\n    """\n', note: 'two NumPy, one Google: no clear majority of 3' },
  { code: `${dq('a')}${dq('b')}${dq('c')}def d():\n    '''Run """x""" here.'''\n`, note: 'it holds the majority quotes' },
  ],
});
