"""(ice-9 match): patterns, the match forms, errors and tail calls."""

import pytest
from oscdsl.api import Interpreter, to_python
from oscdsl.errors import SchemeError


def run(text: str):
    """Return the Python value of the last form of TEXT, after (ice-9 match)."""
    return to_python(Interpreter().eval_string("(use-modules (ice-9 match))\n" + text))


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("0", "zero"),
        ('"str"', "string"),
        ("#\\a", "char"),
        ("#:key", "keyword"),
        ("'sym", "quoted"),
        ("'()", "empty"),
        ("2.0", "other"),
    ],
)
def test_literals_match_by_equal(subject, expected):
    program = f"""
      (match {subject}
        (0 'zero) ("str" 'string) (#\\a 'char) (#:key 'keyword)
        ('sym 'quoted) (() 'empty) (_ 'other))"""
    assert run(program) == expected


def test_list_patterns_bind_variables():
    assert run("(match '(1 (2 3) 4) ((a (b c) d) (list d c b a)))") == [4, 3, 2, 1]


def test_quoted_head_selects_clause():
    program = """
      (define (area shape)
        (match shape (('circle r) (* 3 r r)) (('rect w h) (* w h))))
      (list (area '(circle 2)) (area '(rect 3 4)))"""
    assert run(program) == [12, 12]


def test_dotted_patterns_take_the_rest():
    assert run("(match '(1 2 3 . 4) ((a b . rest) (list a b rest)))") == [1, 2, (3, 4)]


def test_ellipsis_binds_lists_and_keeps_fixed_tail():
    assert run("(match '(x y z) ((head ... tail) (list head tail)))") == [
        ["x", "y"],
        "z",
    ]
    program = (
        "(match '(let ((x 1) (y 2)) b) (('let ((n v) ...) body ...) (list n v body)))"
    )
    assert run(program) == [["x", "y"], [1, 2], ["b"]]


def test_nested_ellipses_bind_lists_of_lists():
    assert run("(match '((1 2) (3 4 5)) (((a b ...) ...) (list a b)))") == [
        [1, 3],
        [[2], [4, 5]],
    ]


def test_one_or_more_and_triple_underscore():
    assert run("(match '() ((a ..1) a) (_ 'none))") == "none"
    assert run("(match '(1 2) ((a ..1) a))") == [1, 2]
    assert run("(match '(1 2 3) ((1 rest ___) rest))") == [2, 3]


def test_repeated_variable_must_match_equal_values():
    assert run("(match '((1) (1)) ((a a) 'same) (_ 'different))") == "same"
    assert run("(match '(1 2) ((a a) 'same) (_ 'different))") == "different"


def test_vector_patterns():
    assert run("(match #(1 2) (#(x y) (list y x)))") == [2, 1]
    assert run("(match #(1 2 3 4) (#(a b ... c) (list a b c)))") == [1, [2, 3], 4]
    assert run("(match '(1 2) (#(x y) 'vector) (_ 'list))") == "list"


def test_predicates_and_applications():
    program = """
      (define (classify x)
        (match x
          ((? number? (? positive?)) 'positive)
          ((and (? string?) (= string-length n)) (list 'string n))
          ((or 'red 'green) 'color)
          ((not (? pair?)) 'atom)
          (_ 'pair)))
      (map classify (list 5 "abc" 'green 'x '(1)))"""
    assert run(program) == ["positive", ["string", 3], "color", "atom", "pair"]


def test_predicate_sees_variables_bound_to_its_left():
    assert (
        run("(match '(1 1) ((a (? (lambda (b) (= a b)))) 'equal) (_ 'no))") == "equal"
    )


def test_or_branches_bind_the_same_variables():
    assert run("(match '(2 x) ((or (1 v) (v 'x)) v))") == 2


def test_tail_headed_by_a_pattern_keyword_is_one_pattern():
    program = "(match '(key . 1) ((k . (and v (not (? pair?)))) (list k v)))"
    assert run(program) == ["key", 1]


def test_quasiquote_patterns():
    assert run("(match '(a (b c) d) (`(a (,x ,y) . ,z) (list x y z)))") == [
        "b",
        "c",
        ["d"],
    ]


def test_record_patterns():
    program = """
      (use-modules (srfi srfi-9))
      (define-record-type <point> (make-point x y) point? (x point-x) (y point-y))
      (match (make-point 1 2) (($ <point> a b) (+ a b)))"""
    assert run(program) == 3


def test_failure_procedure_skips_to_the_next_clause():
    program = """
      (match '(1 . 2)
        ((a . b) (=> fail) (if (= a 1) (fail) 'first))
        (_ 'second))"""
    assert run(program) == "second"


def test_match_lambda_and_match_lambda_star():
    program = """
      (define shape (match-lambda* (() 'none) ((x) (list 'one x))
                                   ((x y . more) (list 'many more))))
      (list (shape) (shape 1) (shape 1 2 3)
            ((match-lambda ((a b) (+ a b))) '(1 2)))"""
    assert run(program) == ["none", ["one", 1], ["many", [3]], 3]


def test_match_let_forms():
    assert run("(match-let (((a b) '(1 2)) (#(c) #(3))) (list a b c))") == [1, 2, 3]
    assert run("(match-let* (((a . r) '(1 2 3)) ((b c) r)) (list a b c))") == [1, 2, 3]
    program = """
      (match-let loop (((a b) '(1 2)))
        (if (> a 5) (list a b) (loop (list (+ a b) a))))"""
    assert run(program) == [7, 4]


def test_clause_bodies_are_in_tail_position():
    program = """
      (define (count-down n)
        (match n (0 'done) (n (count-down (- n 1)))))
      (count-down 100000)"""
    assert run(program) == "done"


def test_no_matching_clause_raises_match_error_at_the_form():
    with pytest.raises(SchemeError) as raised:
        Interpreter().eval_string("(use-modules (ice-9 match))\n(match 7 (1 'one))")
    error = raised.value
    assert error.message == "match: no matching pattern 7"
    assert (error.loc.line, error.loc.column) == (2, 1)


def test_match_error_reaches_catch_with_guiles_arguments():
    program = """
      (catch 'match-error
        (lambda () (match 7 (1 'one)))
        (lambda args args))"""
    assert run(program) == ["match-error", "match", "no matching pattern", 7]


def test_match_let_without_match_raises():
    with pytest.raises(SchemeError, match="no matching pattern"):
        run("(match-let (((a b) '(1))) a)")


def test_bad_ellipsis_is_a_syntax_error():
    with pytest.raises(SchemeError, match="dotted tail not allowed after ellipsis"):
        run("(match '(1 2) ((a ... . b) a))")


def test_match_letrec_expressions_see_the_pattern_variables():
    program = """
      (match-letrec (((ev? od?)
                      (list (lambda (n) (if (= n 0) #t (od? (- n 1))))
                            (lambda (n) (if (= n 0) #f (ev? (- n 1)))))))
        (list (ev? 10) (od? 10)))"""
    assert run(program) == [True, False]


def test_predicate_error_is_located_at_the_match_form():
    with pytest.raises(SchemeError) as raised:
        Interpreter().eval_string(
            '(use-modules (ice-9 match))\n(match "s" ((? positive?) 1))'
        )
    assert "positive?" in raised.value.message
    assert raised.value.loc.line == 2
