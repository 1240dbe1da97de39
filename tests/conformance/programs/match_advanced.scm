;;; Checks (ice-9 match) combinators: ?, =, and, or, not, ___, and the
;;; match-lambda, match-lambda*, match-let and match-let* forms.

(use-modules (ice-9 match))

(define (classify x)
  (match x
    ((? number? (? positive?)) 'positive-number)
    ((? number?) 'other-number)
    ((and (? string?) (= string-length len)) (list 'string len))
    ((or 'red 'green 'blue) 'color)
    ((not (? pair?)) 'atom)
    (((and k (? symbol?)) . (and v (not (? pair?)))) (list 'kv k v))
    (_ 'something-else)))

(for-each (lambda (x) (write (classify x)) (newline))
          (list 5 -3 "hello" 'green 'plain '(key . 1) '(a b)))

(define area
  (match-lambda
    (('circle r) (* 3 r r))
    (('rect w h) (* w h))
    (('square s) (* s s))))
(write (map area '((circle 2) (rect 3 4) (square 5)))) (newline)

(define args-shape
  (match-lambda*
    (() 'none)
    ((x) (list 'one x))
    ((x y . more) (list 'several x y more))))
(write (list (args-shape) (args-shape 1) (args-shape 1 2 3))) (newline)

(match-let (((a b) '(1 2))
            (#(c d) #(3 4)))
  (write (list a b c d))
  (newline))

(match-let* (((a . rest) '(1 2 3))
             ((b c) rest))
  (write (list a b c))
  (newline))

(define (sum-tree t)
  (match t
    ((? number? n) n)
    ((l r) (+ (sum-tree l) (sum-tree r)))
    (_ 0)))
(write (sum-tree '((1 2) ((3 4) 5)))) (newline)

(write (match '(1 2 3 4 5)
         ((1 rest ___) rest)))
(newline)

(write (match '("a" "bb" "ccc")
         (((= string-length lens) ...) lens)))
(newline)

(write (match 'unmatched-but-caught
         ((? string?) 'no)
         (x (symbol->string x))))
(newline)
