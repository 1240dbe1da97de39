"""The evaluator's core: tail calls, deep recursion, scoping, hygiene, errors."""

from __future__ import annotations

import pytest
from oscdsl.api import Interpreter, to_python
from oscdsl.errors import SchemeError


def run(text: str):
    return to_python(Interpreter().eval_string(text, "test.scm"))


TAIL_POSITIONS = {
    "if": "(if (= n 0) 'done (loop (- n 1)))",
    "cond": "(cond ((= n 0) 'done) (else (loop (- n 1))))",
    "cond =>": "(cond ((= n 0) 'done) ((- n 1) => loop))",
    "case": "(case n ((0) 'done) (else (loop (- n 1))))",
    "and": "(and #t (if (= n 0) 'done (loop (- n 1))))",
    "or": "(or (and (= n 0) 'done) (loop (- n 1)))",
    "when": "(if (= n 0) 'done (when #t (loop (- n 1))))",
    "unless": "(if (= n 0) 'done (unless #f (loop (- n 1))))",
    "begin": "(if (= n 0) 'done (begin 1 (loop (- n 1))))",
    "let": "(if (= n 0) 'done (let ((m (- n 1))) (loop m)))",
    "let*": "(if (= n 0) 'done (let* ((m (- n 1))) (loop m)))",
    "letrec": "(if (= n 0) 'done (letrec ((m (- n 1))) (loop m)))",
    "apply": "(if (= n 0) 'done (apply loop (list (- n 1))))",
    "match": "(match n (0 'done) (_ (loop (- n 1))))",
}


@pytest.mark.parametrize("form", TAIL_POSITIONS.values(), ids=TAIL_POSITIONS.keys())
def test_tail_call_in_each_position_runs_in_constant_stack(form: str) -> None:
    program = f"(use-modules (ice-9 match)) (define (loop n) {form}) (loop 300000)"
    assert run(program) == "done"


def test_mutual_recursion_in_tail_position() -> None:
    program = """
    (define (my-even? n) (if (= n 0) #t (my-odd? (- n 1))))
    (define (my-odd? n) (if (= n 0) #f (my-even? (- n 1))))
    (my-even? 200001)"""
    assert run(program) is False


def test_non_tail_recursion_100000_deep() -> None:
    program = """
    (define (build n) (if (= n 0) '() (cons n (build (- n 1)))))
    (length (build 100000))"""
    assert run(program) == 100000


def test_runaway_recursion_is_a_scheme_error_not_a_crash() -> None:
    with pytest.raises(SchemeError) as caught:
        run("(define (f n) (+ 1 (f n))) (f 0)")
    assert "overflow" in caught.value.message.lower()


def test_internal_defines_are_mutually_visible() -> None:
    program = """
    (define (f)
      (define (a) (b))
      (define (b) 42)
      (a))
    (f)"""
    assert run(program) == 42


def test_closures_capture_per_call_bindings() -> None:
    program = """
    (define (make-counter)
      (let ((n 0)) (lambda () (set! n (+ n 1)) n)))
    (define c1 (make-counter))
    (define c2 (make-counter))
    (c1) (c1) (c2)
    (list (c1) (c2))"""
    assert run(program) == [3, 2]


def test_macro_introduced_binding_does_not_capture_user_variable() -> None:
    program = """
    (define-syntax swap!
      (syntax-rules () ((_ a b) (let ((tmp a)) (set! a b) (set! b tmp)))))
    (define tmp 1) (define other 2)
    (swap! tmp other)
    (list tmp other)"""
    assert run(program) == [2, 1]


def test_macro_template_keyword_survives_user_shadowing() -> None:
    program = """
    (define-syntax my-unless
      (syntax-rules () ((_ c body) (if c #f body))))
    (let ((if list)) (my-unless #f 'ran))"""
    assert run(program) == "ran"


def test_nested_ellipses_and_vector_patterns() -> None:
    program = """
    (define-syntax flat
      (syntax-rules () ((_ (a ...) ...) '(a ... ...))))
    (define-syntax vec
      (syntax-rules () ((_ #(x ...)) (list x ...))))
    (list (flat (1 2) (3)) (vec #(4 5)))"""
    assert run(program) == [[1, 2, 3], [4, 5]]


def test_lambda_star_defaults_see_earlier_arguments() -> None:
    program = """
    (define* (f a #:optional (b (* a 2)) #:key (c (+ a b)) #:rest r) (list a b c))
    (list (f 1) (f 1 5) (f 1 5 #:c 0))"""
    assert run(program) == [[1, 2, 3], [1, 5, 6], [1, 5, 0]]


def test_unknown_keyword_argument_is_an_error() -> None:
    with pytest.raises(SchemeError) as caught:
        run("(define* (f #:key a) a) (f #:b 1)")
    assert "Unrecognized keyword" in caught.value.message


def test_unbound_variable_error_points_at_the_reference_and_hints() -> None:
    program = "(define (f x)\n  (+ x (lenght '(1 2))))\n(f 1)"
    with pytest.raises(SchemeError) as caught:
        run(program)
    error = caught.value
    assert (error.loc.line, error.loc.column) == (2, 8)
    assert "Unbound variable: lenght" in error.message
    assert "length" in error.hint
    assert error.frames[0][0] == "f"


def test_hint_names_the_module_that_exports_a_name() -> None:
    with pytest.raises(SchemeError) as caught:
        Interpreter().eval_string("(guix-name-that-does-not-exist)", "t.scm")
    assert caught.value.hint is None or "did you mean" in caught.value.hint


def test_wrong_type_error_names_the_procedure_and_location() -> None:
    with pytest.raises(SchemeError) as caught:
        run("\n  (car 5)")
    assert "car" in caught.value.message
    assert (caught.value.loc.line, caught.value.loc.column) == (2, 3)


def test_guard_catches_errors_from_primitives() -> None:
    program = (
        "(guard (e ((error? e) (error-object-message e))) (vector-ref (vector) 3))"
    )
    assert isinstance(run(program), str)


def test_with_exception_handler_continuable() -> None:
    program = """
    (with-exception-handler (lambda (c) (* c 10))
      (lambda () (+ 1 (raise-continuable 4))))"""
    assert run(program) == 41


def test_dynamic_wind_runs_after_on_escape() -> None:
    program = """
    (define log '())
    (call/cc (lambda (k)
      (dynamic-wind (lambda () (set! log (cons 'in log)))
                    (lambda () (k 'out))
                    (lambda () (set! log (cons 'after log))))))
    (reverse log)"""
    assert run(program) == ["in", "after"]


def test_reentering_a_continuation_is_a_clear_error() -> None:
    program = "(define k #f) (+ 1 (call/cc (lambda (c) (set! k c) 1))) (k 2)"
    with pytest.raises(SchemeError) as caught:
        run(program)
    assert "not supported" in caught.value.message


def test_parameterize_restores_after_error() -> None:
    program = """
    (define p (make-parameter 1))
    (guard (e (#t #f)) (parameterize ((p 2)) (error "x")))
    (p)"""
    assert run(program) == 1


def test_rebinding_a_primitive_is_respected_by_open_coded_calls() -> None:
    program = """
    (define (add a b) (+ a b))
    (define before (add 1 2))
    (set! + (lambda (a b) (* a b)))
    (list before (add 3 4))"""
    assert run(program) == [3, 12]


def test_open_coded_arithmetic_falls_back_for_rationals_and_errors() -> None:
    assert run("(define (f a b) (+ a b)) (f 1/2 1/3)") == run("5/6")
    with pytest.raises(SchemeError):
        run("(define (f a b) (+ a b)) (f 1 'x)")


def test_define_values_and_receive() -> None:
    program = """
    (define-values (q r) (floor/ 17 5))
    (receive (a . rest) (values 1 2 3) (list q r a rest))"""
    assert run(program) == [3, 2, 1, [2, 3]]


def test_quasiquote_nested_and_spliced() -> None:
    assert run("(let ((x 1) (l '(2 3))) `(a ,x ,@l #(,x) (b . ,x)))") == [
        "a",
        1,
        2,
        3,
        [1],
        ("b", 1),
    ]
    assert run("`(1 `(2 ,(3 ,(+ 1 3))))") == [
        1,
        ["quasiquote", [2, ["unquote", [3, 4]]]],
    ]


def test_named_let_closures_capture_each_iteration() -> None:
    program = """
    (let loop ((i 0) (thunks '()))
      (if (< i 3)
          (loop (+ i 1) (cons (lambda () i) thunks))
          (map (lambda (t) (t)) thunks)))"""
    assert run(program) == [2, 1, 0]


def test_named_let_loops_nest_and_escape_as_values() -> None:
    program = """
    (define (pairs n)
      (let outer ((i 0) (acc '()))
        (if (= i n)
            (reverse acc)
            (outer (+ i 1)
                   (let inner ((j 0) (acc acc))
                     (if (= j i) acc (inner (+ j 1) (cons (list i j) acc))))))))
    (define first-loop #f)
    (let loop ((i 0)) (set! first-loop loop) (if (< i 2) (loop (+ i 1)) i))
    (list (pairs 3) (first-loop 1))"""
    assert run(program) == [[[1, 0], [2, 0], [2, 1]], 2]


def test_named_let_variable_assigned_in_body_still_works() -> None:
    program = """
    (let loop ((i 0))
      (if (< i 5)
          (begin (when (= i 2) (set! loop (lambda (n) (list 'replaced n))))
                 (loop (+ i 1)))
          i))"""
    assert run(program) == ["replaced", 3]


def test_a_locally_bound_else_is_a_variable_not_the_keyword() -> None:
    assert run("(let ((else #f)) (cond (else 'taken)))") is not None
    assert run("(let ((else #f)) (cond (else 'taken) (#t 'fallback)))") == "fallback"
    assert run("(cond (else 'ok))") == "ok"


def test_syntax_rules_literal_does_not_match_a_shadowed_name() -> None:
    macro = """
    (define-syntax my-if
      (syntax-rules (then else) ((_ c then a else b) (if c a b))))"""
    assert run(macro + "(my-if #f then 1 else 2)") == 2
    with pytest.raises(SchemeError) as caught:
        run(macro + "(let ((else #f)) (my-if #f then 1 else 2))")
    assert "no rule of macro my-if matches" in caught.value.message


def test_format_plural_directive() -> None:
    program = '(use-modules (ice-9 format)) (format #f "~a item~:p, ~d pon~:@p" 3 1)'
    assert run(program) == "3 items, 1 pony"
