"""(guix monads): the monad laws, mlet*, mapm, foldm and the store monad."""

from __future__ import annotations

import hashlib

import pytest
from oscdsl.api import to_python
from oscdsl.errors import SchemeError

LAWS = """
(define (check monad run)
  (define (f x) (with-monad monad (return (* x 2))))
  (define (g x) (with-monad monad (return (+ x 3))))
  (define m (with-monad monad (return 5)))
  (list
   ;; left identity: return a >>= f  =  f a
   (equal? (run (with-monad monad (>>= (return 7) f))) (run (f 7)))
   ;; right identity: m >>= return  =  m
   (equal? (run (with-monad monad (>>= m (lambda (x) (return x))))) (run m))
   ;; associativity: (m >>= f) >>= g  =  m >>= (lambda (x) (f x >>= g))
   (equal? (run (with-monad monad (>>= (>>= m f) g)))
           (run (with-monad monad (>>= m (lambda (x) (>>= (f x) g))))))))
"""


def test_monad_laws_hold_for_the_identity_monad(scheme):
    result = scheme(LAWS + "(check %identity-monad (lambda (x) x))")
    assert to_python(result) == [True, True, True]


def test_monad_laws_hold_for_the_state_monad(scheme):
    result = scheme(
        LAWS + "(check %state-monad (lambda (m) (call-with-values"
        " (lambda () (run-with-state m 10)) list)))"
    )
    assert to_python(result) == [True, True, True]


def test_mlet_star_binds_in_sequence_with_arrow_for_plain_values(scheme):
    result = scheme(
        """
        (run-with-state
          (mlet* %state-monad ((x (current-state))
                               (y -> (* x 10))
                               (_ (set-current-state (+ y 1))))
            (return (list x y)))
          4)
        """
    )
    assert to_python(result) == [[4, 40], 41]


def test_mlet_bindings_do_not_see_one_another(scheme):
    result = scheme(
        """
        (define x 100)
        (mlet %identity-monad ((x 1) (y (+ x 1))) (return (list x y)))
        """
    )
    assert to_python(result) == [1, 101]


def test_mapm_runs_in_order_and_collects_results(scheme):
    result = scheme(
        """
        (run-with-state
          (mapm %state-monad
                (lambda (n) (mlet %state-monad ((seen (current-state)))
                              (mbegin %state-monad
                                (set-current-state (cons n seen))
                                (return (* n n)))))
                '(1 2 3))
          '())
        """
    )
    assert to_python(result) == [[1, 4, 9], [3, 2, 1]]


def test_foldm_passes_element_then_accumulator(scheme):
    result = scheme(
        """
        (foldm %identity-monad
               (lambda (elem acc) (with-monad %identity-monad
                                    (return (cons elem acc))))
               '() '(a b c))
        """
    )
    assert to_python(result) == ["c", "b", "a"]


def test_sequence_mwhen_munless_and_lift(scheme):
    result = scheme(
        """
        (define add1 (lift1 (lambda (x) (+ x 1)) %identity-monad))
        (list (sequence %identity-monad (list 1 2))
              (mwhen %identity-monad #t (return 'yes))
              (munless %identity-monad #t (return 'no))
              (add1 41))
        """
    )
    assert to_python(result)[0] == [1, 2]
    assert to_python(result)[1] == "yes"
    assert to_python(result)[3] == 42


def test_return_outside_with_monad_is_an_error(scheme):
    with pytest.raises(SchemeError, match="return"):
        scheme("(return 1)")


def nix_text_path(prefix: str, name: str, text: bytes, refs: list[str]) -> str:
    """Compute a text item's path as Nix does, independently of oscdsl."""
    digest = hashlib.sha256(text).hexdigest()
    fingerprint = ":".join(["text", *sorted(refs), f"sha256:{digest}", prefix, name])
    full = hashlib.sha256(fingerprint.encode()).digest()
    folded = bytearray(20)
    for i, byte in enumerate(full):
        folded[i % 20] ^= byte
    alphabet = "0123456789abcdfghijklmnpqrsvwxyz"
    chars = []
    for n in range(31, -1, -1):
        bit = n * 5
        i, j = divmod(bit, 8)
        c = folded[i] >> j
        if i + 1 < 20:
            c |= folded[i + 1] << (8 - j)
        chars.append(alphabet[c & 0x1F])
    return f"{prefix}/{''.join(chars)}-{name}"


def test_text_file_path_matches_add_text_to_store_and_nix(scheme, store_env):
    result = scheme(
        """
        (with-store store
          (list (run-with-store store (text-file "greeting" "hello\n"))
                (add-text-to-store store "greeting" "hello\n")))
        """
    )
    monadic, direct = to_python(result)
    assert monadic == direct == nix_text_path(store_env, "greeting", b"hello\n", [])


def test_store_lift_and_interned_file(scheme, store_env, tmp_path):
    source = tmp_path / "data.txt"
    source.write_text("data\n")
    result = scheme(
        f"""
        (define valid? (store-lift valid-path?))
        (with-store store
          (run-with-store store
            (mlet* %store-monad ((path (interned-file "{source}" "data"))
                                 (ok (valid? path)))
              (return (list path ok (store-path? path))))))
        """
    )
    path, ok, is_store = to_python(result)
    assert path.startswith(store_env + "/") and path.endswith("-data")
    assert ok is True and is_store is True
