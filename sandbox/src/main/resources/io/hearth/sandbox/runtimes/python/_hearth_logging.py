"""Lambda's log format for the logging module, in Hearth's Python runtime (bootstrap.py): the root
logger gets a handler writing "[LEVEL]\tTIME\tREQUEST-ID\tMESSAGE" lines to stdout, as
awslambdaric's does. install() configures the module at once when user code imported it already,
else right after its first import (a meta path finder), so a handler that never logs never pays
for importing logging. bootstrap.py sets request_id before each invocation.
"""

import sys
import time

request_id = None


def install():
    if 'logging' in sys.modules:
        _configure(sys.modules['logging'])
    else:
        sys.meta_path.insert(0, _Hook)


class _Hook(object):
    """A meta path finder that configures the logging module right after it is first imported."""
    done = False

    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != 'logging' or cls.done:
            return None
        cls.done = True
        for finder in sys.meta_path:
            if finder is cls or not hasattr(finder, 'find_spec'):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, 'exec_module'):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


class _Loader(object):
    def __init__(self, inner):
        self.inner = inner

    def __getattr__(self, name):
        return getattr(self.inner, name)

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module):
        self.inner.exec_module(module)
        try:
            _configure(module)
        except Exception:
            pass


def _configure(logging):
    def add_request_id(record):
        record.aws_request_id = request_id or ''
        return True

    formatter = logging.Formatter('[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n',
                                  '%Y-%m-%dT%H:%M:%S')
    formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.terminator = ''
    handler.setFormatter(formatter)
    handler.addFilter(add_request_id)
    logging.getLogger().addHandler(handler)
