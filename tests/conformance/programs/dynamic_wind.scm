;;; Checks dynamic-wind with normal exits and with escapes through call/ec
;;; (from (ice-9 control)) and call/cc, including nested winds: the after
;;; thunks run innermost first.

(use-modules (ice-9 control))

(define trace '())
(define (note x) (set! trace (cons x trace)))
(define (show-trace)
  (write (reverse trace))
  (newline)
  (set! trace '()))

(write (dynamic-wind
         (lambda () (note 'before))
         (lambda () (note 'during) 'result)
         (lambda () (note 'after))))
(newline)
(show-trace)

(write (call/ec
        (lambda (k)
          (dynamic-wind
            (lambda () (note 'in1))
            (lambda ()
              (dynamic-wind
                (lambda () (note 'in2))
                (lambda () (k 'escaped) (note 'unreachable))
                (lambda () (note 'out2))))
            (lambda () (note 'out1))))))
(newline)
(show-trace)

(write (call-with-current-continuation
        (lambda (k)
          (dynamic-wind
            (lambda () (note 'enter))
            (lambda () (+ 1 (k 10)))
            (lambda () (note 'leave))))))
(newline)
(show-trace)

(define (find-first pred lst)
  (call/cc
   (lambda (return)
     (for-each (lambda (x) (when (pred x) (return x))) lst)
     #f)))
(write (find-first even? '(1 3 6 7 8))) (newline)
(write (find-first even? '(1 3 5))) (newline)

(write (let/ec out
         (for-each (lambda (x) (when (> x 10) (out (* x 100)))) '(1 5 20 30))
         'none))
(newline)

(write (+ 1 (call/cc (lambda (k) 41)))) (newline)
(write (call-with-escape-continuation (lambda (k) (k 'early) 'late)))
(newline)
