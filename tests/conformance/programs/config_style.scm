;;; Checks a small Guix-style configuration built from the features such
;;; files combine: SRFI-9 records, keyword arguments with defaults,
;;; quasiquoted service lists, (ice-9 match) on records' data, SRFI-1 folds
;;; and string building of a generated file.

(use-modules (srfi srfi-1) (srfi srfi-9) (srfi srfi-26) (ice-9 match)
             (ice-9 format))

(define-record-type <service>
  (%make-service name requirement config)
  service?
  (name service-name)
  (requirement service-requirement)
  (config service-config))

(define* (service name #:key (requirement '()) (config '()))
  (%make-service name requirement config))

(define %base-services
  (list (service 'syslogd)
        (service 'networking #:requirement '(syslogd))))

(define port 2222)
(define services
  (cons* (service 'sshd #:requirement '(networking)
                  #:config `((port . ,port) (root-login? . #f)))
         (service 'nginx #:requirement '(networking sshd)
                  #:config `((workers . ,(* 2 2))
                             (sites ,@(map (cut string-append <> ".org")
                                           '("a" "b")))))
         %base-services))

(define (render-value v)
  (match v
    (#t "yes")
    (#f "no")
    ((? number?) (number->string v))
    ((? string?) v)
    ((items ...) (string-join (map render-value items) " "))))

(define (render service)
  (string-append
   (format #f "[~a]~%" (service-name service))
   (string-concatenate
    (map (match-lambda
           ((key . value) (format #f "~a=~a~%" key (render-value value))))
         (service-config service)))))

(define (start-order services)
  (let loop ((pending services) (done '()))
    (match (find (lambda (s)
                   (every (cut memq <> done) (service-requirement s)))
                 pending)
      (#f (reverse done))
      (next (loop (delete next pending eq?)
                  (cons (service-name next) done))))))

(write (map service-name services)) (newline)
(write (start-order services)) (newline)
(for-each (compose display render) services)
(write (fold (lambda (s n) (+ n (length (service-config s)))) 0 services))
(newline)
